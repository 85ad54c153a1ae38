import FoundationEssentials
import Synchronization

/// The lifecycle every monitor shares, whatever decides its requests: start once, a detached loop
/// that runs a round of due work and sleeps on the injected clock until the next wake-up (or an
/// early wake), changes from any thread (`refreshNow`, `send`), work on detached tasks, events
/// handed to the consumer one at a time in order, and a `stop` after which no event follows.
///
/// A monitor owns one and keeps what it decides with (its scheduler or planner) as `core`, in the
/// same locked ``State`` as the outbox and the running tasks, so a decision and the events it
/// produces are recorded together. The closures a monitor passes in run under that lock: they must
/// not block or call back into the lifecycle.
///
/// The loop task holds what its `round` closure captures (the monitor) until ``stop()``.
public final class MonitorLifecycle<Core: Sendable, Event: Sendable>: Sendable {
    fileprivate enum Phase { case idle, running, stopped }

    /// What the lifecycle keeps under its lock.
    public struct State: Sendable {
        /// The monitor's own decision-making state (its scheduler or planner).
        public var core: Core
        /// Events produced but not handed to the consumer yet.
        public var outbox = EventOutbox<Event>()
        fileprivate var phase = Phase.idle
        fileprivate var loopTask: Task<Void, Never>?
        fileprivate var workTasks: [Int: Task<Void, Never>] = [:]
        fileprivate var nextWorkKey = 0
        fileprivate let executorPreference: (any TaskExecutor)?
        /// When the loop's current sleep ends by itself (`distantFuture`: it waits for a signal;
        /// `distantPast` before its first round).
        public fileprivate(set) var loopDeadline = Date.distantPast

        fileprivate init(core: Core, executorPreference: (any TaskExecutor)?) {
            self.core = core
            self.executorPreference = executorPreference
        }

        /// Whether the monitor has started and not stopped: work is launched only then.
        public var isRunning: Bool { phase == .running }

        /// Runs `work` on a detached task that ``MonitorLifecycle/stop()`` cancels and waits for.
        /// `work` receives the key to end it with ``MonitorLifecycle/finish(_:_:)``.
        public mutating func launch(_ work: @escaping @Sendable (_ key: Int) async -> Void) {
            let key = nextWorkKey
            nextWorkKey += 1
            workTasks[key] = Task.detached(executorPreference: executorPreference) { await work(key) }
        }
    }

    private let clock: any MonitorClock
    private let onEvent: @Sendable (Event) -> Void
    private let wakeSignal = WakeSignal()
    private let state: Mutex<State>

    /// A lifecycle that has not started, deciding with `core`, reading time from `clock` and
    /// handing events to `onEvent`. The loop and the work run on `executorPreference` when given
    /// (the executor a transport's I/O completes on), else on the global executor.
    public init(core: Core, clock: any MonitorClock, executorPreference: (any TaskExecutor)? = nil,
                onEvent: @escaping @Sendable (Event) -> Void) {
        self.clock = clock
        self.onEvent = onEvent
        state = Mutex(State(core: core, executorPreference: executorPreference))
    }

    /// Reads or changes the state under the lock, without waking the loop.
    public func withState<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        state.withLock { body(&$0) }
    }

    /// Starts once: `begin` runs under the lock, then the loop starts on a detached task (never on
    /// the caller's actor, so a UI loop that blocks its thread does not stall it). Each round runs
    /// `round` under the lock, which launches due work and returns the next wake-up (nil: none
    /// until woken), then hands the events out and sleeps. Calling it again, or after ``stop()``,
    /// does nothing.
    public func start(
        begin: (inout State, Date) -> Void, round: @escaping @Sendable (inout State, Date) -> Date?
    ) {
        let now = clock.now()
        state.withLock { state in
            guard state.phase == .idle else { return }
            state.phase = .running
            begin(&state, now)
            state.loopTask = Task.detached(executorPreference: state.executorPreference) { await self.runLoop(round) }
        }
    }

    /// Changes the state under the lock and wakes the loop (a refresh: the loop launches the work).
    public func update(_ body: (inout State, Date) -> Void) {
        let now = clock.now()
        state.withLock { body(&$0, now) }
        wakeSignal.signal()
    }

    /// Changes the state under the lock, hands out the events that produced, and wakes the loop
    /// (a PUT: launched by `body` itself so it never waits for the loop).
    public func act(_ body: (inout State, Date) -> Void) {
        let now = clock.now()
        state.withLock { body(&$0, now) }
        deliverEvents()
        wakeSignal.signal()
    }

    /// Ends the work launched under `key`: while the monitor runs, `record` notes its outcome under
    /// the lock (and launches what became due) and says whether the loop must wake to plan again
    /// (compare the next wake-up with ``State/loopDeadline``); then the events go out.
    public func finish(_ key: Int, _ record: (inout State, Date) -> Bool) {
        let now = clock.now()
        let wakeLoop = state.withLock { state -> Bool in
            state.workTasks[key] = nil
            guard state.phase == .running else { return false }
            return record(&state, now)
        }
        deliverEvents()
        if wakeLoop { wakeSignal.signal() }
    }

    /// Cancels the loop and all work in flight, and returns once no event can follow.
    public func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            state.phase = .stopped
            state.outbox.removeAll()
            let tasks = Array(state.workTasks.values) + (state.loopTask.map { [$0] } ?? [])
            state.workTasks = [:]
            state.loopTask = nil
            return tasks
        }
        for task in tasks { task.cancel() }
        // Events are only handed out on these tasks, so once they are done none can follow.
        for task in tasks { await task.value }
    }

    private func runLoop(_ round: @Sendable (inout State, Date) -> Date?) async {
        deliverEvents()
        while !Task.isCancelled {
            let now = clock.now()
            let wakeUp = state.withLock { state -> Date?? in
                guard state.phase == .running else { return .none }
                let wakeUp = round(&state, now)
                state.loopDeadline = wakeUp ?? .distantFuture
                return .some(wakeUp)
            }
            guard let wakeUp else { return }
            deliverEvents()
            await wakeSignal.wait(until: wakeUp, on: clock)
        }
    }

    /// Hands the outbox to `onEvent` outside the lock, so `onEvent` may call back into the
    /// monitor. Only one task delivers at a time; others leave their events to it.
    private func deliverEvents() {
        EventOutbox.drain(
            claim: { state.withLock { $0.outbox.claimDelivery() } },
            take: { state.withLock { $0.outbox.nextBatch(discarding: $0.phase == .stopped) } },
            to: onEvent)
    }
}
