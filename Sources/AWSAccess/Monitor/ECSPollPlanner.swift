import FoundationEssentials
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

    struct Entry {
        var task: DiscoveredTask
        var gone: Date?
        var inFlight: UInt64?
        var queuedPut: (change: ProtectionChange, order: UInt64)?
    }

    let configuration: ECSMonitorConfiguration
    var entries: [TargetID: Entry] = [:]
    var order: [TargetID] = []
    var idsByName: [String: TargetID] = [:]
    var nextID: TargetID = 0
    var nextTicket: UInt64 = 0
    var putOrder: UInt64 = 0
    var roundQueue: [TargetID] = []
    var nextRound = Date.distantFuture
    var backoffLevel = 0
    var nextDiscovery = Date.distantFuture
    var discoveryInFlight = false
    var discoveryFailures = 0
    /// Whether the last discovery reported a problem the consumer still shows.
    var discoveryProblemShown = false
    var random: SeededRandomNumberGenerator
    var nextSlot = Date.distantPast
    /// The interval reported last, so a change is reported once.
    var reportedInterval: TimeInterval?

    static let readBatch = ECSClient.readBatchSize
    static let updateBatch = ECSClient.updateBatchSize

    init(configuration: ECSMonitorConfiguration, random: SeededRandomNumberGenerator = .init()) {
        self.configuration = configuration
        self.random = random
    }

    var spacing: TimeInterval { 1 / configuration.polling.maxRequestsPerSecond }

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

    /// Takes a slot for a call that leaves now without waiting for one (a PUT): later calls wait the longer.
    mutating func charge(now: Date) {
        nextSlot = min(max(nextSlot, now).addingTimeInterval(spacing), now.addingTimeInterval(max(1, spacing)))
    }
}
