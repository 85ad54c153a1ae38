import FoundationEssentials

/// What ``FleetTaskSource`` keeps to turn its members' events into one stream: the fleet-wide id
/// of every member task, and each member's latest interval, call reading, services and discovery
/// problem, from which the fleet-wide figure is made again whenever one changes. No I/O, no lock:
/// tested with plain values.
public struct FleetEventTable: Sendable {
    private struct Key: Hashable {
        var member: Int
        var id: TargetID
    }

    /// The members' names, in order.
    public let names: [String]
    /// Each member's call budget by name (members with the same name share it); empty: not said.
    public let budgets: [String]
    private var fleetIDs: [Key: TargetID] = [:]
    private var memberIDs: [TargetID: Key] = [:]
    private var nextID: TargetID = 0
    private var intervals: [TimeInterval?]
    private var reportedInterval: TimeInterval?
    private var readings: [TaskSourceEvent?]
    private var services: [[ServiceStatus]?]
    private var discoveryProblems: [(error: AgentError, hint: String?)?]

    /// A table for members with these names (one member: events pass with ids unchanged in form),
    /// drawing on these call budgets (one name per member; none given: the budgets are not said).
    public init(names: [String], budgets: [String] = []) {
        self.names = names
        self.budgets = budgets.count == names.count ? budgets : []
        intervals = Array(repeating: nil, count: names.count)
        readings = Array(repeating: nil, count: names.count)
        services = Array(repeating: nil, count: names.count)
        discoveryProblems = Array(repeating: nil, count: names.count)
    }

    /// Whether labels and services carry the member's name: only when there is more than one.
    private var qualifies: Bool { names.count > 1 }

    private func qualified(_ text: String, member: Int) -> String { qualifies ? "\(names[member]) \(text)" : text }

    /// Each member's latest calls per minute, nil while it has none.
    public var callRates: [Double?] {
        readings.map { if case .callRateChanged(let rate)? = $0 { rate } else { nil } }
    }

    /// Fleet ids grouped by member, as member ids, in the order given; unknown ids are dropped.
    public func split(_ targets: [TargetID]) -> [(member: Int, ids: [TargetID])] {
        var groups: [(member: Int, ids: [TargetID])] = []
        for target in targets {
            guard let key = memberIDs[target] else { continue }
            if let index = groups.firstIndex(where: { $0.member == key.member }) {
                groups[index].ids.append(key.id)
            } else {
                groups.append((key.member, [key.id]))
            }
        }
        return groups
    }

    /// The fleet's events for `event` from `member`.
    public mutating func translate(_ event: TaskSourceEvent, from member: Int) -> [TaskSourceEvent] {
        switch event {
        case .monitor(let monitorEvent):
            return translate(monitorEvent, from: member).map { .monitor($0) }
        case .targetsAdded(let targets):
            return [.targetsAdded(targets.map { target in
                var added = target
                added.id = fleetID(member: member, id: target.id)
                added.source = names[member]
                added.label = qualified(target.label, member: member)
                added.service = target.service.map { qualified($0, member: member) }
                return added
            })]
        case .targetsGone(let ids):
            let mapped = ids.compactMap { fleetIDs[Key(member: member, id: $0)] }
            return mapped.isEmpty ? [] : [.targetsGone(mapped)]
        case .targetsRemoved(let ids):
            let mapped = ids.compactMap { id -> TargetID? in
                guard let fleet = fleetIDs.removeValue(forKey: Key(member: member, id: id)) else { return nil }
                memberIDs[fleet] = nil
                return fleet
            }
            return mapped.isEmpty ? [] : [.targetsRemoved(mapped)]
        case .lifecyclesChanged(let lifecycles):
            var mapped: [TargetID: TaskLifecycle] = [:]
            for (id, lifecycle) in lifecycles {
                if let fleet = fleetIDs[Key(member: member, id: id)] { mapped[fleet] = lifecycle }
            }
            return mapped.isEmpty ? [] : [.lifecyclesChanged(mapped)]
        case .servicesRead(let list):
            services[member] = list.map { service in
                var named = service
                named.name = qualified(service.name, member: member)
                return named
            }
            return [.servicesRead(services.compactMap { $0 }.flatMap { $0 })]
        case .servicesFailed(let error, let hint):
            return [.servicesFailed(prefixed(error, member: member), hint: hint)]
        case .discoveryFailed(let error, let hint):
            discoveryProblems[member] = (error, hint)
            return [.discoveryFailed(prefixed(error, member: member), hint: hint)]
        case .discoveryRecovered:
            discoveryProblems[member] = nil
            // Another member still failing keeps the problem on screen, named for it.
            if let other = discoveryProblems.indices.first(where: { discoveryProblems[$0] != nil }),
               let problem = discoveryProblems[other] {
                return [.discoveryFailed(prefixed(problem.error, member: other), hint: problem.hint)]
            }
            return [.discoveryRecovered]
        case .callRateChanged, .callsCounted:
            readings[member] = event
            let total = combinedReading(readings)
            let perBudget = budgetNames
            guard perBudget.count > 1 else { return [total] }
            return [total, .budgetCallsChanged(perBudget.map { budget in
                let reading = combinedReading(budgets.indices.filter { budgets[$0] == budget }.map { readings[$0] })
                return switch reading {
                case .callRateChanged(let perMinute): BudgetCalls(budget: budget, perMinute: perMinute, calls: Int(perMinute.rounded()), seconds: 60)
                case .callsCounted(let calls, let seconds): BudgetCalls(budget: budget, perMinute: nil, calls: calls, seconds: seconds)
                default: BudgetCalls(budget: budget, perMinute: nil, calls: 0, seconds: 0)
                }
            })]
        case .budgetCallsChanged:
            // Members are single clusters: they report no budgets of their own.
            return []
        }
    }

    private mutating func translate(_ event: MonitorEvent, from member: Int) -> [MonitorEvent] {
        switch event {
        case .requestStarted(let target, let request, let at):
            guard let fleet = fleetIDs[Key(member: member, id: target)] else { return [] }
            return [.requestStarted(target: fleet, request: request, at: at)]
        case .responded(let target, let request, let response):
            guard let fleet = fleetIDs[Key(member: member, id: target)] else { return [] }
            return [.responded(target: fleet, request: request, response: response)]
        case .effectiveIntervalChanged(let interval):
            intervals[member] = interval
            let longest = intervals.compactMap { $0 }.max() ?? interval
            guard longest != reportedInterval else { return [] }
            reportedInterval = longest
            return [.effectiveIntervalChanged(longest)]
        case .clockOffsetChanged:
            return [event]
        }
    }

    private mutating func fleetID(member: Int, id: TargetID) -> TargetID {
        let key = Key(member: member, id: id)
        if let known = fleetIDs[key] { return known }
        let fleet = nextID
        nextID += 1
        fleetIDs[key] = fleet
        memberIDs[fleet] = key
        return fleet
    }

    private func prefixed(_ error: AgentError, member: Int) -> AgentError {
        guard qualifies else { return error }
        var named = error
        named.message = "\(names[member]): \(error.message)"
        return named
    }

    /// The budgets by name, each once, in the order of their first member.
    private var budgetNames: [String] {
        var seen = Set<String>()
        return budgets.filter { seen.insert($0).inserted }
    }

    /// Members' calls together: their rates summed once every one has a rate; before that, the
    /// calls counted so far (a member already past its first minute counts its rate's minute).
    private func combinedReading(_ readings: [TaskSourceEvent?]) -> TaskSourceEvent {
        var rate = 0.0
        var calls = 0
        var seconds: TimeInterval = 0
        var counting = false
        for reading in readings {
            switch reading {
            case .callRateChanged(let perMinute)?:
                rate += perMinute
                calls += Int(perMinute.rounded())
                seconds = max(seconds, 60)
            case .callsCounted(let counted, let elapsed)?:
                counting = true
                calls += counted
                seconds = max(seconds, elapsed)
            default:
                counting = true
            }
        }
        return counting ? .callsCounted(calls: calls, seconds: seconds) : .callRateChanged(callsPerMinute: (rate * 10).rounded() / 10)
    }
}
