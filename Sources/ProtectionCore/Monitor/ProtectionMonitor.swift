import FoundationEssentials

/// Polls many task-protection endpoints at once, sends PUTs, and streams ``MonitorEvent``s.
///
/// Scheduling (budget, jitter, backoff, PUT priority, the stale-GET rule) is ``PollScheduler``'s;
/// this type only drives it, on a ``MonitorLifecycle``: a detached loop sends what is due, sleeps
/// on the injected clock until the next wake-up, and is woken early by responses,
/// ``refreshNow(_:)`` and ``send(_:to:)``.
///
/// `onEvent` is called from background tasks (or from within ``send(_:to:)``, which starts a PUT
/// at once and reports it), one event at a time and never concurrently, in the
/// order the scheduler produced them (so per target: `requestStarted` before its `responded`). It
/// must return quickly; it may call ``refreshNow(_:)`` and ``send(_:to:)``. Call ``stop()`` when
/// done: the polling loop keeps the monitor alive until then.
public final class ProtectionMonitor: Sendable {
    private let endpoints: [Endpoint]
    private let transport: any ProtectionTransport
    /// Start, loop, events and stop; its `core` is the scheduler.
    private let lifecycle: MonitorLifecycle<PollScheduler, MonitorEvent>

    /// Creates a monitor for `endpoints`; target ids are positions in this array. Nothing is sent
    /// before ``start()``. `randomSeed` makes the jitter reproducible.
    public init(endpoints: [Endpoint], transport: any ProtectionTransport, configuration: MonitorConfiguration = .init(),
                clock: any MonitorClock = SystemMonitorClock(), randomSeed: UInt64? = nil,
                onEvent: @escaping @Sendable (MonitorEvent) -> Void) {
        self.endpoints = endpoints
        self.transport = transport
        let random = randomSeed.map(SeededRandomNumberGenerator.init(seed:)) ?? SeededRandomNumberGenerator()
        lifecycle = MonitorLifecycle(
            core: PollScheduler(targetCount: endpoints.count, configuration: configuration, random: random),
            clock: clock, executorPreference: transport.preferredExecutor, onEvent: onEvent)
    }

    /// The interval each target is polled at once the request budget is applied.
    public var effectiveInterval: TimeInterval { lifecycle.withState { $0.core.effectiveInterval } }

    /// Begins polling on a detached task (never on the caller's actor, so a UI loop that blocks the
    /// main thread does not stall it). Calling it again, or after ``stop()``, does nothing.
    public func start() {
        lifecycle.start(
            begin: { state, now in state.outbox.append(contentsOf: state.core.start(now: now)) },
            round: { state, now in
                self.launchDueRequests(in: &state, now: now)
                return state.core.nextWakeUp()
            })
    }

    /// Polls the given targets (nil: all) as soon as the budget allows, instead of waiting for their
    /// next turn. Targets with a request in flight are skipped: their answer is on the way.
    /// Callable from any thread; takes effect immediately.
    public func refreshNow(_ targets: [TargetID]? = nil) {
        lifecycle.update { state, now in state.core.refresh(targets, now: now) }
    }

    /// Queues a PUT of `change` for each target (duplicates and unknown ids ignored). PUTs leave ahead
    /// of any waiting GET; a target with a request in flight gets its PUT right after that request.
    /// A target holds one queued PUT at most: sending again before it left replaces its change, so
    /// the latest intent is what is sent. Callable from any thread; takes effect immediately.
    public func send(_ change: ProtectionChange, to targets: [TargetID]) {
        lifecycle.act { state, now in
            state.core.enqueue(change, for: targets)
            // Sent from here rather than by the woken loop: a PUT never waits for anything.
            if state.isRunning { launchDueRequests(in: &state, now: now) }
        }
    }

    /// Cancels polling and every request in flight, and returns once no event can follow.
    public func stop() async {
        await lifecycle.stop()
    }

    /// Starts every request the scheduler says is due, reporting each start. Called under the lock.
    private func launchDueRequests(in state: inout MonitorLifecycle<PollScheduler, MonitorEvent>.State, now: Date) {
        for scheduled in state.core.dueRequests(now: now) {
            state.outbox.append(.requestStarted(target: scheduled.target, request: scheduled.request, at: now))
            state.launch { key in await self.perform(scheduled, key: key) }
        }
    }

    private func perform(_ scheduled: ScheduledRequest, key: Int) async {
        let response = await transport.send(scheduled.request, to: endpoints[scheduled.target])
        lifecycle.finish(key) { state, now in
            state.outbox.append(contentsOf: state.core.didFinish(scheduled, response: response, now: now))
            // A PUT queued behind this request leaves now, its start reported right after this
            // response, so a consumer never sees the target idle in between.
            launchDueRequests(in: &state, now: now)
            // The loop sleeps on: only an answer that brings the next request forward wakes it.
            return state.core.nextWakeUp().map { $0 < state.loopDeadline } ?? false
        }
    }
}
