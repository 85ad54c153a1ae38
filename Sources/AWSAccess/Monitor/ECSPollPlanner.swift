import Foundation
import ProtectionCore

/// Decides, without I/O or clocks of its own, which ECS API call goes out when for a changing set
/// of tasks.
///
/// - Polling goes in rounds: every ``effectiveInterval`` each running task is read once, in
///   `GetTaskProtection` calls of up to 100 tasks. Calls (polls and discovery pages) leave at most
///   `maxRequestsPerSecond` per second, so the interval stretches to `calls per round / budget`.
/// - A round whose call is throttled (or fails as a whole in a way that calls for backoff) backs
///   polling off exponentially, since ECS throttles the account, not a task; a good answer resets it.
/// - PUTs go as `UpdateTaskProtection` calls of up to 10 tasks sharing one change, without waiting
///   for the budget (their cost is taken from later slots, at most a second's worth).
/// - Never two requests in flight for one task; one PUT queued per task, the latest intent wins;
///   a task with a PUT queued or in flight sits out polling rounds until its answer.
/// - Discovery adds tasks (polled at once), marks those no longer running gone (not polled) and
///   removes them after `goneRetention`.
struct ECSPollPlanner: Sendable {
    /// One API call to make.
    enum Work: Sendable, Equatable {
        case get(ticket: UInt64, targets: [TargetID])
        case put(ticket: UInt64, change: ProtectionChange, targets: [TargetID])
        case discover
    }

    private struct Entry {
        var task: DiscoveredTask
        var gone: Date?
        var inFlight: UInt64?
        var queuedPut: (change: ProtectionChange, order: UInt64)?
    }

    let configuration: ECSMonitorConfiguration
    private var entries: [TargetID: Entry] = [:]
    private var order: [TargetID] = []
    private var idsByName: [String: TargetID] = [:]
    private var nextID: TargetID = 0
    private var nextTicket: UInt64 = 0
    private var putOrder: UInt64 = 0
    private var roundQueue: [TargetID] = []
    private var nextRound = Date.distantFuture
    private var backoffLevel = 0
    private var nextDiscovery = Date.distantFuture
    private var discoveryInFlight = false
    private var discoveryFailures = 0
    /// Whether the last discovery reported a problem the consumer still shows.
    private var discoveryProblemShown = false
    private var random: SeededRandomNumberGenerator
    private(set) var nextSlot = Date.distantPast
    /// The interval reported last, so a change is reported once.
    private var reportedInterval: TimeInterval?

    static let readBatch = ECSClient.readBatchSize
    static let updateBatch = ECSClient.updateBatchSize

    init(configuration: ECSMonitorConfiguration, random: SeededRandomNumberGenerator = .init()) {
        self.configuration = configuration
        self.random = random
    }

    private var spacing: TimeInterval { 1 / configuration.polling.maxRequestsPerSecond }

    /// Tasks polled each round (running, not gone).
    var activeCount: Int { entries.values.filter { $0.gone == nil }.count }

    /// `max(pollInterval, calls per round / calls per second)`.
    var effectiveInterval: TimeInterval {
        let calls = (activeCount + Self.readBatch - 1) / Self.readBatch
        return max(configuration.polling.pollInterval, Double(calls) / configuration.polling.maxRequestsPerSecond)
    }

    /// The tasks known now, in discovery order.
    var targets: [SourceTarget] {
        order.map(target)
    }

    /// The name protection calls use for `target`.
    func name(of target: TargetID) -> String? { entries[target]?.task.name }

    /// The names of the tasks already marked gone: discovery does not describe them again.
    var goneNames: Set<String> {
        Set(entries.values.filter { $0.gone != nil }.map(\.task.name))
    }

    /// The known tasks by name, so discovery describes only new ones.
    var knownTasks: [String: DiscoveredTask] {
        Dictionary(entries.values.map { ($0.task.name, $0.task) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func start(now: Date) {
        nextSlot = now
        nextDiscovery = now
        nextRound = now
    }

    // MARK: Budget

    /// Reserves the next call slot (for a discovery page): returns when it may leave.
    mutating func reserveSlot(now: Date) -> Date {
        let slot = max(nextSlot, now)
        nextSlot = slot.addingTimeInterval(spacing)
        return slot
    }

    private mutating func charge(now: Date) {
        nextSlot = min(max(nextSlot, now).addingTimeInterval(spacing), now.addingTimeInterval(max(1, spacing)))
    }

    // MARK: Work

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

    private mutating func duePuts(now: Date) -> [Work] {
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

    private mutating func issue(_ targets: [TargetID]) -> UInt64 {
        nextTicket += 1
        for id in targets { entries[id]?.inFlight = nextTicket }
        return nextTicket
    }

    private mutating func startRound(now: Date) {
        let queued = Set(roundQueue)
        roundQueue += order.filter { entries[$0]?.gone == nil && !queued.contains($0) }
        nextRound = now.addingTimeInterval(effectiveInterval * jitterFactor())
    }

    private mutating func jitterFactor() -> Double {
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

    // MARK: Answers

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

    // MARK: Discovery

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

    private func target(_ id: TargetID) -> SourceTarget {
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
