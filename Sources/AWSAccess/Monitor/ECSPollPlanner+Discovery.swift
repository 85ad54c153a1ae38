import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ProtectionCore

/// Tasks found, gone and removed as discovery reports them.
extension ECSPollPlanner {
    /// Applies a discovery's tasks: new ones are added (and polled at once), missing ones gone,
    /// returning ones running again.
    mutating func discoveryFinished(_ result: Result<ECSTaskDiscovery.Outcome, ECSTaskDiscovery.Failure>, now: Date)
        -> [TaskSourceEvent] {
        discoveryInFlight = false
        let intervalBefore = effectiveInterval
        var events: [TaskSourceEvent] = []
        switch result {
        case .failure(let failure):
            discoveryFailures += 1
            let retry = min(configuration.discoveryInterval, 2 * pow(2, Double(min(discoveryFailures, 10) - 1)))
            nextDiscovery = now.addingTimeInterval(retry)
            events.append(.discoveryFailed(failure.agentError, hint: failure.hint))
            discoveryProblemShown = true
            return events + removeExpired(now: now)
        case .success(let outcome):
            discoveryFailures = 0
            nextDiscovery = now.addingTimeInterval(configuration.discoveryInterval)
            if let problem = outcome.labelProblem {
                events.append(.discoveryFailed(problem.agentError, hint: problem.hint))
                discoveryProblemShown = true
            } else if discoveryProblemShown {
                events.append(.discoveryRecovered)
                discoveryProblemShown = false
            }
            var added: [SourceTarget] = []
            var present = Set<TargetID>()
            for task in outcome.tasks {
                if let id = idsByName[task.name], entries[id] != nil {
                    present.insert(id)
                    if entries[id]?.gone != nil {
                        entries[id]?.gone = nil
                        added.append(target(id))
                        roundQueue.append(id)
                    }
                    continue
                }
                let id = nextID
                nextID += 1
                entries[id] = Entry(task: task)
                idsByName[task.name] = id
                order.append(id)
                present.insert(id)
                added.append(target(id))
                roundQueue.append(id)
            }
            var gone: [TargetID] = []
            for id in order where !present.contains(id) && entries[id]?.gone == nil {
                entries[id]?.gone = now
                gone.append(id)
            }
            if !added.isEmpty { events.append(.targetsAdded(added)) }
            if !gone.isEmpty { events.append(.targetsGone(gone)) }
            var leaving: [TargetID: TaskLifecycle] = [:]
            for (name, lifecycle) in outcome.leaving {
                guard let id = idsByName[name], entries[id] != nil else { continue }
                entries[id]?.task.lifecycle = lifecycle
                leaving[id] = lifecycle
            }
            if !leaving.isEmpty { events.append(.lifecyclesChanged(leaving)) }
        }
        events += removeExpired(now: now)
        let intervalAfter = effectiveInterval
        if intervalAfter != intervalBefore || reportedInterval == nil {
            reportedInterval = intervalAfter
            events.append(.monitor(.effectiveIntervalChanged(intervalAfter)))
        }
        return events
    }

    func target(_ id: TargetID) -> SourceTarget {
        guard let task = entries[id]?.task else { return SourceTarget(id: id, label: "?") }
        return SourceTarget(
            id: id, label: task.label, taskArn: task.name.hasPrefix("arn:") ? task.name : nil, service: task.service,
            lifecycle: task.lifecycle)
    }

    /// Removes tasks gone for `goneRetention` whose last call is answered.
    mutating func removeExpired(now: Date) -> [TaskSourceEvent] {
        let expired = order.filter { id in
            guard let entry = entries[id], let gone = entry.gone else { return false }
            return entry.inFlight == nil && now >= gone.addingTimeInterval(configuration.goneRetention)
        }
        guard !expired.isEmpty else { return [] }
        let removed = Set(expired)
        for id in expired {
            if let name = entries[id]?.task.name { idsByName[name] = nil }
            entries[id] = nil
        }
        order.removeAll { removed.contains($0) }
        roundQueue.removeAll { removed.contains($0) }
        return [.targetsRemoved(expired)]
    }

    /// Ends a discovery that never ran (the monitor stopped).
    mutating func discoveryAbandoned() { discoveryInFlight = false }
}
