import Foundation
import Synchronization

/// Polls many task-protection endpoints at once, sends PUTs, and streams ``MonitorEvent``s.
///
/// Scheduling (budget, jitter, backoff, PUT priority, the stale-GET rule) is ``PollScheduler``'s;
/// this type only drives it: a detached loop sends what is due, sleeps on the injected clock until
/// the next wake-up, and is woken early by responses, ``refreshNow(_:)`` and ``send(_:to:)``.
///
/// `onEvent` is called from background tasks (or from within ``send(_:to:)``, which starts a PUT
/// at once and reports it), one event at a time and never concurrently, in the
/// order the scheduler produced them (so per target: `requestStarted` before its `responded`). It
/// must return quickly; it may call ``refreshNow(_:)`` and ``send(_:to:)``. Call ``stop()`` when
/// done: the polling loop keeps the monitor alive until then.
public final class ProtectionMonitor: Sendable {
    private enum Phase { case idle, running, stopped }

    private struct State {
        var scheduler: PollScheduler
        var phase = Phase.idle
        var loopTask: Task<Void, Never>?
        var requestTasks: [UInt64: Task<Void, Never>] = [:]
        /// When the loop's current sleep ends by itself (`distantFuture`: it waits for a signal).
        var loopDeadline = Date.distantPast
        /// Events produced but not handed to `onEvent` yet.
        var outbox = EventOutbox<MonitorEvent>()
    }

    private let endpoints: [Endpoint]
    private let transport: any ProtectionTransport
    private let clock: any MonitorClock
    private let onEvent: @Sendable (MonitorEvent) -> Void
    private let wakeSignal = WakeSignal()
    private let state: Mutex<State>

    /// Creates a monitor for `endpoints`; target ids are positions in this array. Nothing is sent
    /// before ``start()``. `randomSeed` makes the jitter reproducible.
    public init(endpoints: [Endpoint], transport: any ProtectionTransport, configuration: MonitorConfiguration = .init(),
                clock: any MonitorClock = SystemMonitorClock(), randomSeed: UInt64? = nil,
                onEvent: @escaping @Sendable (MonitorEvent) -> Void) {
        self.endpoints = endpoints
        self.transport = transport
        self.clock = clock
        self.onEvent = onEvent
        let random = randomSeed.map(SeededRandomNumberGenerator.init(seed:)) ?? SeededRandomNumberGenerator()
        state = Mutex(State(scheduler: PollScheduler(targetCount: endpoints.count, configuration: configuration,
                                                     random: random)))
    }

    /// The interval each target is polled at once the request budget is applied.
    public var effectiveInterval: TimeInterval { state.withLock { $0.scheduler.effectiveInterval } }

    /// Begins polling on a detached task (never on the caller's actor, so a UI loop that blocks the
    /// main thread does not stall it). Calling it again, or after ``stop()``, does nothing.
    public func start() {
        let now = clock.now()
        state.withLock { state in
            guard state.phase == .idle else { return }
            state.phase = .running
            state.outbox.append(contentsOf: state.scheduler.start(now: now))
            state.loopTask = Task.detached(executorPreference: transport.preferredExecutor) { await self.runLoop() }
        }
    }

    /// Polls the given targets (nil: all) as soon as the budget allows, instead of waiting for their
    /// next turn. Targets with a request in flight are skipped: their answer is on the way.
    /// Callable from any thread; takes effect immediately.
    public func refreshNow(_ targets: [TargetID]? = nil) {
        let now = clock.now()
        state.withLock { $0.scheduler.refresh(targets, now: now) }
        wakeSignal.signal()
    }

    /// Queues a PUT of `change` for each target (duplicates and unknown ids ignored). PUTs leave ahead
    /// of any waiting GET; a target with a request in flight gets its PUT right after that request.
    /// A target holds one queued PUT at most: sending again before it left replaces its change, so
    /// the latest intent is what is sent. Callable from any thread; takes effect immediately.
    public func send(_ change: ProtectionChange, to targets: [TargetID]) {
        let now = clock.now()
        state.withLock { state in
            state.scheduler.enqueue(change, for: targets)
            // Sent from here rather than by the woken loop: a PUT never waits for anything.
            if state.phase == .running { launchDueRequests(in: &state, now: now) }
        }
        deliverEvents()
        wakeSignal.signal()
    }

    /// Cancels polling and every request in flight, and returns once no event can follow.
    public func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            state.phase = .stopped
            state.outbox.removeAll()
            let tasks = Array(state.requestTasks.values) + (state.loopTask.map { [$0] } ?? [])
            state.requestTasks = [:]
            state.loopTask = nil
            return tasks
        }
        for task in tasks { task.cancel() }
        // Events are only handed out on these tasks, so once they are done none can follow.
        for task in tasks { await task.value }
    }

    private func runLoop() async {
        deliverEvents()
        while !Task.isCancelled {
            let now = clock.now()
            let wakeUp = state.withLock { state -> Date?? in
                guard state.phase == .running else { return .none }
                launchDueRequests(in: &state, now: now)
                let wakeUp = state.scheduler.nextWakeUp()
                state.loopDeadline = wakeUp ?? .distantFuture
                return .some(wakeUp)
            }
            guard let wakeUp else { return }
            deliverEvents()
            await wakeSignal.wait(until: wakeUp, on: clock)
        }
    }

    /// Starts every request the scheduler says is due, reporting each start. Called under the lock.
    private func launchDueRequests(in state: inout State, now: Date) {
        for scheduled in state.scheduler.dueRequests(now: now) {
            state.outbox.append(.requestStarted(target: scheduled.target, request: scheduled.request, at: now))
            state.requestTasks[scheduled.ticket] = Task.detached(executorPreference: transport.preferredExecutor) {
                await self.perform(scheduled)
            }
        }
    }

    private func perform(_ scheduled: ScheduledRequest) async {
        let response = await transport.send(scheduled.request, to: endpoints[scheduled.target])
        let now = clock.now()
        let wakeLoop = state.withLock { state -> Bool in
            state.requestTasks[scheduled.ticket] = nil
            guard state.phase == .running else { return false }
            state.outbox.append(contentsOf: state.scheduler.didFinish(scheduled, response: response, now: now))
            // A PUT queued behind this request leaves now, its start reported right after this
            // response, so a consumer never sees the target idle in between.
            launchDueRequests(in: &state, now: now)
            // The loop sleeps on: only an answer that brings the next request forward wakes it.
            return state.scheduler.nextWakeUp().map { $0 < state.loopDeadline } ?? false
        }
        deliverEvents()
        if wakeLoop { wakeSignal.signal() }
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
