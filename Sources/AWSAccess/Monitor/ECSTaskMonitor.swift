import FoundationEssentials
import ProtectionCore

/// Watches a cluster's tasks through the ECS API: discovers them (``ECSTaskDiscovery``), reads
/// their protection in `GetTaskProtection` calls of up to 100 tasks, and sends PUTs as
/// `UpdateTaskProtection` calls of up to 10, each task getting its own outcome. Scheduling is
/// ``ECSPollPlanner``'s; this type drives it on a detached loop, like ``ProtectionMonitor``.
///
/// `onEvent` is called one event at a time, never concurrently, in order; it must return quickly
/// and may call back into the monitor. Target ids come from ``TaskSourceEvent/targetsAdded(_:)``.
public final class ECSTaskMonitor: TaskSource {
    /// What the monitor decides with, kept under the lifecycle's lock.
    private struct Core: Sendable {
        var planner: ECSPollPlanner
        var clockOffset = ClockOffsetEstimator()
        var rateMeter = CallRateMeter()
    }

    private typealias State = MonitorLifecycle<Core, TaskSourceEvent>.State

    private let client: ECSClient
    private let selection: ECSTaskSelection
    private let clock: any MonitorClock
    /// Start, loop, events and stop.
    private let lifecycle: MonitorLifecycle<Core, TaskSourceEvent>

    /// Creates a monitor; nothing is sent before ``start()``.
    public init(client: ECSClient, selection: ECSTaskSelection, configuration: ECSMonitorConfiguration = .init(),
                clock: any MonitorClock = SystemMonitorClock(), randomSeed: UInt64? = nil,
                onEvent: @escaping @Sendable (TaskSourceEvent) -> Void) {
        self.client = client
        self.selection = selection
        self.clock = clock
        let random = randomSeed.map(SeededRandomNumberGenerator.init(seed:)) ?? SeededRandomNumberGenerator()
        lifecycle = MonitorLifecycle(
            core: Core(planner: ECSPollPlanner(configuration: configuration, random: random)), clock: clock, onEvent: onEvent)
    }

    /// The interval each task is polled at once the budget of API calls is applied.
    public var effectiveInterval: TimeInterval { lifecycle.withState { $0.core.planner.effectiveInterval } }

    /// The tasks known now (running and gone), in discovery order.
    public var targets: [SourceTarget] { lifecycle.withState { $0.core.planner.targets } }

    /// API calls sent so far, retries included.
    public var callsSent: Int { client.requestsSent }

    public func start() {
        lifecycle.start(
            begin: { state, now in state.core.planner.start(now: now) },
            round: { state, now in self.round(in: &state, now: now) })
    }

    public func refreshNow(_ targets: [TargetID]? = nil) {
        lifecycle.update { state, now in state.core.planner.refresh(targets, now: now) }
    }

    public func send(_ change: ProtectionChange, to targets: [TargetID]) {
        lifecycle.act { state, now in
            state.core.planner.enqueue(change, for: targets)
            if state.isRunning { launchDueWork(in: &state, now: now) }
        }
    }

    public func stop() async {
        await lifecycle.stop()
    }

    // MARK: Loop

    /// One round of the loop, under the lock: launches due work, drops expired tasks, reports the
    /// call rate, and returns the next wake-up.
    private func round(in state: inout State, now: Date) -> Date? {
        launchDueWork(in: &state, now: now)
        state.outbox.append(contentsOf: state.core.planner.removeExpired(now: now))
        if let reading = state.core.rateMeter.record(count: client.requestsSent, now: now) {
            state.outbox.append(reading)
        }
        // Woken at least every few seconds so the call rate stays current.
        let planned = state.core.planner.nextWakeUp() ?? .distantFuture
        return min(planned, now.addingTimeInterval(5))
    }

    /// Starts every call the planner says is due, reporting each task's start. Under the lock.
    private func launchDueWork(in state: inout State, now: Date) {
        for work in state.core.planner.dueWork(now: now) {
            switch work {
            case .get(_, let targets):
                state.outbox.append(contentsOf: targets.map { .monitor(.requestStarted(target: $0, request: .get, at: now)) })
            case .put(_, let change, let targets):
                state.outbox.append(contentsOf: targets.map { .monitor(.requestStarted(target: $0, request: .put(change), at: now)) })
            case .discover:
                break
            }
            let names = Self.names(of: work, planner: state.core.planner)
            let known = work == .discover ? state.core.planner.knownTasks : [:]
            let gone = work == .discover ? state.core.planner.goneNames : []
            state.launch { key in await self.perform(work, key: key, names: names, known: known, gone: gone) }
        }
    }

    private static func names(of work: ECSPollPlanner.Work, planner: ECSPollPlanner) -> [TargetID: String] {
        switch work {
        case .get(_, let targets), .put(_, _, let targets):
            Dictionary(targets.compactMap { id in planner.name(of: id).map { (id, $0) } }, uniquingKeysWith: { first, _ in first })
        case .discover:
            [:]
        }
    }

    private func perform(
        _ work: ECSPollPlanner.Work, key: Int, names: [TargetID: String], known: [String: DiscoveredTask], gone: Set<String>
    ) async {
        switch work {
        case .discover:
            let pace: @Sendable () async -> Void = { [weak self] in await self?.waitForSlot() }
            let discovery = ECSTaskDiscovery(client: client, selection: selection, pace: pace)
            let result = await discovery.discover(known: known, alreadyGone: gone)
            // Services are read with each discovery, on the same budget; their failure (an IAM
            // policy without ecs:ListServices) leaves the tasks as they are.
            let services = ECSServiceReader(client: client, selection: selection, pace: pace)
            var read: Result<[ServiceStatus], ECSTaskDiscovery.Failure>?
            if services.reads { read = await services.read() }
            let now = clock.now()
            finish(key: key) { state in
                state.outbox.append(contentsOf: state.core.planner.discoveryFinished(result, now: now))
                switch read {
                case .success(let list)?: state.outbox.append(.servicesRead(list))
                case .failure(let failure)?: state.outbox.append(.servicesFailed(failure.agentError, hint: failure.hint))
                case nil: break
                }
            }
        case .get(_, let targets), .put(_, _, let targets):
            let ordered = targets.compactMap { id in names[id].map { (id, $0) } }
            let outcomes: [ECSClient.TaskOutcome]
            if case .put(_, let change, _) = work {
                outcomes = await client.updateTaskProtection(
                    cluster: selection.cluster, tasks: ordered.map(\.1), enabled: change.enabled,
                    expiresInMinutes: change.expiresInMinutes)
            } else {
                outcomes = await client.getTaskProtection(cluster: selection.cluster, tasks: ordered.map(\.1))
            }
            var byName: [String: ProtectionResponse] = [:]
            for outcome in outcomes { byName[outcome.task] = outcome.response }
            var responses: [TargetID: ProtectionResponse] = [:]
            for (id, name) in ordered { responses[id] = byName[name] }
            let now = clock.now()
            finish(key: key) { state in
                state.outbox.append(contentsOf: state.core.planner.didFinish(work, responses: responses, now: now))
                if let first = outcomes.first, let offset = state.core.clockOffset.add(first.response, now: now) {
                    state.outbox.append(.monitor(.clockOffsetChanged(offset)))
                }
            }
        }
    }

    /// Records a finished call under the lock, launches what became due (a queued PUT), and
    /// hands the events over.
    private func finish(key: Int, _ record: (inout State) -> Void) {
        lifecycle.finish(key) { state, now in
            record(&state)
            launchDueWork(in: &state, now: now)
            return true
        }
    }

    /// Waits for a slot of the call budget (discovery pages share it with polling).
    private func waitForSlot() async {
        let now = clock.now()
        let slot = lifecycle.withState { $0.core.planner.reserveSlot(now: now) }
        if slot > now { try? await clock.sleep(until: slot) }
    }
}
