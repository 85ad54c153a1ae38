import FoundationEssentials
import Synchronization

/// Several task sources (one per cluster) behind the one ``TaskSource`` interface, so a dashboard
/// watches a fleet as it watches one cluster.
///
/// Each member keeps its own ids, polling and budget; the fleet gives every task a fleet-wide id,
/// names its source (``SourceTarget/source``, so each member's health is shown on its own), and
/// qualifies labels and service names with the member's name when there is more than one. What is
/// one figure for the dashboard (the poll interval, the call rate, the services, a discovery
/// problem) is combined from the members' latest: the longest interval, the summed calls, every
/// member's services, the first member still failing.
public final class FleetTaskSource: TaskSource {
    /// One member: its name and how to create it, given where its events go.
    public struct Member: Sendable {
        public var name: String
        /// The call budget it draws on, by name (members with the same name share one).
        public var budget: String
        public var make: @Sendable (@escaping @Sendable (TaskSourceEvent) -> Void) -> any TaskSource

        public init(name: String, budget: String = "",
                    make: @escaping @Sendable (@escaping @Sendable (TaskSourceEvent) -> Void) -> any TaskSource) {
            self.name = name
            self.budget = budget
            self.make = make
        }
    }

    private let router: FleetEventRouter
    private let sources: [any TaskSource]
    /// The members' names, in order.
    public let names: [String]

    /// Creates the members; nothing is sent before ``start()``.
    public init(members: [Member], onEvent: @escaping @Sendable (TaskSourceEvent) -> Void) {
        names = members.map(\.name)
        let router = FleetEventRouter(table: FleetEventTable(names: members.map(\.name), budgets: members.map(\.budget)), onEvent: onEvent)
        self.router = router
        sources = members.enumerated().map { index, member in
            member.make { event in router.receive(event, from: index) }
        }
    }

    public func start() { for source in sources { source.start() } }

    public func refreshNow(_ targets: [TargetID]?) {
        guard let targets else {
            for source in sources { source.refreshNow(nil) }
            return
        }
        for (member, ids) in router.split(targets) { sources[member].refreshNow(ids) }
    }

    public func send(_ change: ProtectionChange, to targets: [TargetID]) {
        for (member, ids) in router.split(targets) { sources[member].send(change, to: ids) }
    }

    public func stop() async {
        router.stop()
        await withTaskGroup(of: Void.self) { group in
            for source in sources { group.addTask { await source.stop() } }
        }
    }

    /// The longest of the members' intervals.
    public var effectiveInterval: TimeInterval { sources.map(\.effectiveInterval).max() ?? 0 }

    /// Each member's latest call rate (calls per minute), nil before its first minute.
    public var callRates: [Double?] { router.callRates }
}

/// The fleet's translation of member events and their delivery: under one lock, so events from
/// members on different threads reach the consumer one at a time and in order.
private final class FleetEventRouter: Sendable {
    private struct State: Sendable {
        var table: FleetEventTable
        var outbox = EventOutbox<TaskSourceEvent>()
        var stopped = false
    }

    private let state: Mutex<State>
    private let onEvent: @Sendable (TaskSourceEvent) -> Void

    init(table: FleetEventTable, onEvent: @escaping @Sendable (TaskSourceEvent) -> Void) {
        state = Mutex(State(table: table))
        self.onEvent = onEvent
    }

    func split(_ targets: [TargetID]) -> [(member: Int, ids: [TargetID])] { state.withLock { $0.table.split(targets) } }

    var callRates: [Double?] { state.withLock { $0.table.callRates } }

    /// Nothing is handed out after this returns but an event already in the consumer's hands.
    func stop() {
        state.withLock {
            $0.stopped = true
            $0.outbox.removeAll()
        }
    }

    /// Translates a member's event under the lock and delivers it (and any other waiting) in order,
    /// one at a time, outside the lock: the consumer may call back into the fleet.
    func receive(_ event: TaskSourceEvent, from member: Int) {
        state.withLock { state in
            guard !state.stopped else { return }
            state.outbox.append(contentsOf: state.table.translate(event, from: member))
        }
        EventOutbox<TaskSourceEvent>.drain(
            claim: { state.withLock { $0.outbox.claimDelivery() } },
            take: { state.withLock { $0.outbox.nextBatch(discarding: $0.stopped) } },
            to: onEvent)
    }
}
