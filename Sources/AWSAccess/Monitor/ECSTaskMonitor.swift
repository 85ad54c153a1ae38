import Foundation
import ProtectionCore
import Synchronization

/// Watches a cluster's tasks through the ECS API: discovers them (``ECSTaskDiscovery``), reads
/// their protection in `GetTaskProtection` calls of up to 100 tasks, and sends PUTs as
/// `UpdateTaskProtection` calls of up to 10, each task getting its own outcome. Scheduling is
/// ``ECSPollPlanner``'s; this type drives it on a detached loop, like ``ProtectionMonitor``.
///
/// `onEvent` is called one event at a time, never concurrently, in order; it must return quickly
/// and may call back into the monitor. Target ids come from ``TaskSourceEvent/targetsAdded(_:)``.
public final class ECSTaskMonitor: TaskSource {
    private enum Phase { case idle, running, stopped }

    private struct State {
        var planner: ECSPollPlanner
        var phase = Phase.idle
        var loopTask: Task<Void, Never>?
        var callTasks: [Int: Task<Void, Never>] = [:]
        var nextCallKey = 0
        var outbox = EventOutbox<TaskSourceEvent>()
        var clockOffset = ClockOffsetEstimator()
        var rateMeter = CallRateMeter()
    }

    private let client: ECSClient
    private let selection: ECSTaskSelection
    private let clock: any MonitorClock
    private let onEvent: @Sendable (TaskSourceEvent) -> Void
    private let wakeSignal = WakeSignal()
    private let state: Mutex<State>

    /// Creates a monitor; nothing is sent before ``start()``.
    public init(client: ECSClient, selection: ECSTaskSelection, configuration: ECSMonitorConfiguration = .init(),
                clock: any MonitorClock = SystemMonitorClock(), randomSeed: UInt64? = nil,
                onEvent: @escaping @Sendable (TaskSourceEvent) -> Void) {
        self.client = client
        self.selection = selection
        self.clock = clock
        self.onEvent = onEvent
        let random = randomSeed.map(SeededRandomNumberGenerator.init(seed:)) ?? SeededRandomNumberGenerator()
        state = Mutex(State(planner: ECSPollPlanner(configuration: configuration, random: random)))
    }

    /// The interval each task is polled at once the budget of API calls is applied.
    public var effectiveInterval: TimeInterval { state.withLock { $0.planner.effectiveInterval } }

    /// The tasks known now (running and gone), in discovery order.
    public var targets: [SourceTarget] { state.withLock { $0.planner.targets } }

    /// API calls sent so far, retries included.
    public var callsSent: Int { client.requestsSent }

    public func start() {
        let now = clock.now()
        state.withLock { state in
            guard state.phase == .idle else { return }
            state.phase = .running
            state.planner.start(now: now)
            state.loopTask = Task.detached { await self.runLoop() }
        }
    }

    public func refreshNow(_ targets: [TargetID]? = nil) {
        let now = clock.now()
        state.withLock { $0.planner.refresh(targets, now: now) }
        wakeSignal.signal()
    }

    public func send(_ change: ProtectionChange, to targets: [TargetID]) {
        let now = clock.now()
        state.withLock { state in
            state.planner.enqueue(change, for: targets)
            if state.phase == .running { launchDueWork(in: &state, now: now) }
        }
        deliverEvents()
        wakeSignal.signal()
    }

    public func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            state.phase = .stopped
            state.outbox.removeAll()
            let tasks = Array(state.callTasks.values) + (state.loopTask.map { [$0] } ?? [])
            state.callTasks = [:]
            state.loopTask = nil
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    // MARK: Loop

    private func runLoop() async {
        while !Task.isCancelled {
            let now = clock.now()
            let wakeUp = state.withLock { state -> Date?? in
                guard state.phase == .running else { return .none }
                launchDueWork(in: &state, now: now)
                state.outbox.append(contentsOf: state.planner.removeExpired(now: now))
                if let rate = state.rateMeter.record(count: client.requestsSent, now: now) {
                    state.outbox.append(.callRateChanged(callsPerMinute: rate))
                }
                // Woken at least every few seconds so the call rate stays current.
                let planned = state.planner.nextWakeUp() ?? .distantFuture
                return .some(min(planned, now.addingTimeInterval(5)))
            }
            guard let wakeUp else { return }
            deliverEvents()
            await wakeSignal.wait(until: wakeUp ?? nil, on: clock)
        }
    }

    /// Starts every call the planner says is due, reporting each task's start. Under the lock.
    private func launchDueWork(in state: inout State, now: Date) {
        for work in state.planner.dueWork(now: now) {
            let key = state.nextCallKey
            state.nextCallKey += 1
            switch work {
            case .get(_, let targets):
                state.outbox.append(contentsOf: targets.map { .monitor(.requestStarted(target: $0, request: .get, at: now)) })
            case .put(_, let change, let targets):
                state.outbox.append(contentsOf: targets.map { .monitor(.requestStarted(target: $0, request: .put(change), at: now)) })
            case .discover:
                break
            }
            let names = Self.names(of: work, planner: state.planner)
            let known = work == .discover ? state.planner.knownTasks : [:]
            state.callTasks[key] = Task.detached { await self.perform(work, key: key, names: names, known: known) }
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

    private func perform(_ work: ECSPollPlanner.Work, key: Int, names: [TargetID: String], known: [String: DiscoveredTask]) async {
        switch work {
        case .discover:
            let discovery = ECSTaskDiscovery(client: client, selection: selection) { [weak self] in await self?.waitForSlot() }
            let result = await discovery.discover(known: known)
            let now = clock.now()
            finish(key: key) { state in
                state.outbox.append(contentsOf: state.planner.discoveryFinished(result, now: now))
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
                state.outbox.append(contentsOf: state.planner.didFinish(work, responses: responses, now: now))
                if let first = outcomes.first, let offset = state.clockOffset.add(first.response, now: now) {
                    state.outbox.append(.monitor(.clockOffsetChanged(offset)))
                }
            }
        }
    }

    /// Records a finished call under the lock, launches what became due (a queued PUT), and
    /// hands the events over.
    private func finish(key: Int, _ record: (inout State) -> Void) {
        let now = clock.now()
        state.withLock { state in
            state.callTasks[key] = nil
            guard state.phase == .running else { return }
            record(&state)
            launchDueWork(in: &state, now: now)
        }
        deliverEvents()
        wakeSignal.signal()
    }

    /// Waits for a slot of the call budget (discovery pages share it with polling).
    private func waitForSlot() async {
        let now = clock.now()
        let slot = state.withLock { $0.planner.reserveSlot(now: now) }
        if slot > now { try? await clock.sleep(until: slot) }
    }

    private func deliverEvents() {
        EventOutbox.drain(
            claim: { state.withLock { $0.outbox.claimDelivery() } },
            take: { state.withLock { $0.outbox.nextBatch(discarding: $0.phase == .stopped) } },
            to: onEvent)
    }
}
