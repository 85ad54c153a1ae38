import FoundationEssentials
import ProtectionCore

/// What to send next: PUTs first, then the round's reads and discovery, each in its budget slot.
extension ECSPollPlanner {
    /// Every call that may leave at `now`: queued PUTs (batched by change, ≤ 10), then a due
    /// discovery, then poll batches (≤ 100) within the budget.
    mutating func dueWork(now: Date) -> [Work] {
        var work = duePuts(now: now)
        if !discoveryInFlight && now >= nextDiscovery {
            discoveryInFlight = true
            work.append(.discover)
        }
        if now >= nextRound {
            startRound(now: now)
        }
        while now >= nextSlot, !roundQueue.isEmpty {
            var batch: [TargetID] = []
            while batch.count < Self.readBatch, !roundQueue.isEmpty {
                let id = roundQueue.removeFirst()
                guard let entry = entries[id], entry.gone == nil, entry.inFlight == nil, entry.queuedPut == nil,
                      !batch.contains(id) else { continue }
                batch.append(id)
            }
            guard !batch.isEmpty else { break }
            nextSlot = max(nextSlot, now).addingTimeInterval(spacing)
            work.append(.get(ticket: issue(batch), targets: batch))
        }
        return work
    }

    mutating func duePuts(now: Date) -> [Work] {
        let ready = order.compactMap { id -> (TargetID, ProtectionChange, UInt64)? in
            guard let entry = entries[id], entry.inFlight == nil, let put = entry.queuedPut else { return nil }
            return (id, put.change, put.order)
        }.sorted { $0.2 < $1.2 }
        var groups: [(change: ProtectionChange, targets: [TargetID])] = []
        for (id, change, _) in ready {
            if let index = groups.firstIndex(where: { $0.change == change && $0.targets.count < Self.updateBatch }) {
                groups[index].targets.append(id)
            } else {
                groups.append((change, [id]))
            }
        }
        return groups.map { group in
            for id in group.targets { entries[id]?.queuedPut = nil }
            charge(now: now)
            return .put(ticket: issue(group.targets), change: group.change, targets: group.targets)
        }
    }

    mutating func issue(_ targets: [TargetID]) -> UInt64 {
        nextTicket += 1
        for id in targets { entries[id]?.inFlight = nextTicket }
        return nextTicket
    }

    mutating func startRound(now: Date) {
        let queued = Set(roundQueue)
        roundQueue += order.filter { entries[$0]?.gone == nil && !queued.contains($0) }
        nextRound = now.addingTimeInterval(effectiveInterval * jitterFactor())
    }

    mutating func jitterFactor() -> Double {
        let jitter = configuration.polling.jitter
        return jitter > 0 ? 1 + Double.random(in: -jitter...jitter, using: &random) : 1
    }

    /// When ``dueWork(now:)`` next has something (nil: only an answer or a key can change that).
    func nextWakeUp() -> Date? {
        if order.contains(where: { entries[$0]?.inFlight == nil && entries[$0]?.queuedPut != nil }) { return .distantPast }
        var candidates: [Date] = []
        if !discoveryInFlight { candidates.append(nextDiscovery) }
        if roundQueue.isEmpty { candidates.append(nextRound) } else { candidates.append(nextSlot) }
        if let gone = order.compactMap({ entries[$0]?.gone }).min() {
            candidates.append(gone.addingTimeInterval(configuration.goneRetention))
        }
        return candidates.min()
    }
}
