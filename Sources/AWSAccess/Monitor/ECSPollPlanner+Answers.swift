import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ProtectionCore

/// Answers taken in, refreshes asked for and PUTs queued.
extension ECSPollPlanner {
    /// Records a finished poll or PUT and returns the events; `responses` by target.
    mutating func didFinish(_ work: Work, responses: [TargetID: ProtectionResponse], now: Date) -> [TaskSourceEvent] {
        let (ticket, targets, request): (UInt64, [TargetID], ProtectionRequest)
        switch work {
        case .get(let t, let ids): (ticket, targets, request) = (t, ids, .get)
        case .put(let t, let change, let ids): (ticket, targets, request) = (t, ids, .put(change))
        case .discover: return []
        }
        var events: [TaskSourceEvent] = []
        for id in targets where entries[id]?.inFlight == ticket {
            entries[id]?.inFlight = nil
            guard let response = responses[id] else { continue }
            events.append(.monitor(.responded(target: id, request: request, response: response)))
        }
        if case .get = work {
            let overloaded = !responses.isEmpty && responses.values.allSatisfy {
                $0.result.callsForBackoff(httpStatus: $0.httpStatus)
            }
            if overloaded {
                backoffLevel = min(backoffLevel + 1, 16)
                let base = configuration.polling.backoffInitial * pow(2, Double(backoffLevel - 1))
                let delay = max(min(configuration.polling.backoffMaximum, base * jitterFactor()), effectiveInterval)
                nextRound = max(nextRound, now.addingTimeInterval(delay))
                // The rest of this round would meet the same throttling: it waits for the next.
                roundQueue.removeAll()
            } else {
                backoffLevel = 0
                // The API answers again after discovery failed: list the tasks now rather than at
                // the failure's back-off, so "discovery failed" does not outlive the outage.
                if discoveryFailures > 0, responses.values.contains(where: { !$0.result.callsForBackoff(httpStatus: $0.httpStatus) }) {
                    nextDiscovery = min(nextDiscovery, now)
                }
            }
        }
        return events + removeExpired(now: now)
    }

    /// Makes the given targets (nil: all, and discovery) due now, within the budget.
    mutating func refresh(_ requested: [TargetID]?, now: Date) {
        if requested == nil {
            nextDiscovery = min(nextDiscovery, now)
        }
        let queued = Set(roundQueue)
        let ids = (requested ?? order).filter { entries[$0]?.gone == nil && !queued.contains($0) }
        roundQueue = ids + roundQueue
    }

    /// Queues `change` for each known target (duplicates and unknown ids ignored); a newer change
    /// replaces a queued one.
    mutating func enqueue(_ change: ProtectionChange, for requested: [TargetID]) {
        var seen = Set<TargetID>()
        for id in requested where entries[id] != nil && seen.insert(id).inserted {
            putOrder += 1
            entries[id]?.queuedPut = (change, putOrder)
        }
    }

    /// The change queued for `target` and not sent yet.
    func queuedChange(for target: TargetID) -> ProtectionChange? { entries[target]?.queuedPut?.change }

    /// Whether `target` has a call in flight.
    func isInFlight(_ target: TargetID) -> Bool { entries[target]?.inFlight != nil }
}
