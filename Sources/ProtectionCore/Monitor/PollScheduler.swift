import FoundationEssentials

/// Decides, without doing any I/O or reading any clock, which request goes out when.
///
/// Rules it keeps:
/// - each target is polled every ``effectiveInterval`` (`max(pollInterval, targets /
///   maxRequestsPerSecond)`) with `1 ± jitter`, measured from the previous response: its next
///   GET is due at a random point of that window, and may leave earlier, once the window has
///   opened, with a GET that is due (targets polled together stay together, so a round of polls
///   wakes the process once instead of once per target);
/// - GETs (polls and refreshes) leave at most `maxRequestsPerSecond` (its whole part) in any
///   second across all targets (``RequestPacer``), so the first polls go one budget's worth at a
///   time, not all at once;
/// - a PUT never waits for that budget: it leaves as soon as its target is free, and counts
///   against the GETs after it (for one budget window at most);
/// - never two requests in flight for one target;
/// - a result that calls for backoff (``ProtectionResult/callsForBackoff(httpStatus:)``) doubles
///   the target's wait up to `backoffMaximum`; any other result resets it;
/// - queued PUTs go before any due GET; a PUT for a target with a request in flight waits for it;
/// - at most one PUT is queued per target: a newer one replaces its change (the latest wins);
/// - a GET sent before a PUT's response arrived is never delivered after it (``StaleResultGuard``).
///
/// Drive it with ``start(now:)``, then repeatedly ``dueRequests(now:)`` and
/// ``didFinish(_:response:now:)``, sleeping until ``nextWakeUp()`` in between.
public struct PollScheduler: Sendable {
    /// The sanitized configuration in use.
    public let configuration: MonitorConfiguration
    private let timing: PollTiming
    private var targets: [TargetSchedule]
    private var pacer: RequestPacer
    private var random: SeededRandomNumberGenerator
    private var staleGuard = StaleResultGuard()
    private var clockOffset = ClockOffsetEstimator()
    private var putOrder: UInt64 = 0

    /// The interval each target is polled at: `max(pollInterval, targets / maxRequestsPerSecond)`.
    /// It depends only on the configuration and the number of targets, so it is reported once, by
    /// ``start(now:)``.
    public var effectiveInterval: TimeInterval { timing.effectiveInterval }

    /// Creates a scheduler for targets `0..<targetCount`. Nothing is due until ``start(now:)``.
    public init(targetCount: Int, configuration: MonitorConfiguration = .init(),
                random: SeededRandomNumberGenerator = .init()) {
        let configuration = configuration.sanitized
        self.configuration = configuration
        timing = PollTiming(configuration: configuration, targetCount: max(0, targetCount))
        targets = Array(repeating: TargetSchedule(nextDue: .distantFuture), count: max(0, targetCount))
        pacer = RequestPacer(maxRequestsPerSecond: configuration.maxRequestsPerSecond)
        self.random = random
    }

    /// Makes the first poll of every target due at once (the budget lets them out in id order,
    /// one budget's worth at a time) and returns the events to report at start.
    public mutating func start(now: Date) -> [MonitorEvent] {
        for index in targets.indices {
            targets[index].nextDue = now
            targets[index].opensAt = now
        }
        return [.effectiveIntervalChanged(effectiveInterval)]
    }

    /// Issues every request that may leave at `now`: every queued PUT whose target is free (oldest
    /// first, whatever the budget), then GETs in order of due time within the budget (those due
    /// first, then those whose window has opened), and marks them in flight.
    public mutating func dueRequests(now: Date) -> [ScheduledRequest] {
        var issued: [ScheduledRequest] = []
        while let target = nextReadyPut() {
            issued.append(issue(for: target, at: now))
        }
        while pacer.allows(at: now), let target = nextDueGet(at: now) {
            issued.append(issue(for: target, at: now))
        }
        return issued
    }

    /// The earliest time ``dueRequests(now:)`` can return something, or nil when every target has
    /// a request in flight (only a response, refresh or PUT can change that).
    public func nextWakeUp() -> Date? {
        var earliest: Date?
        for target in targets where target.inFlight == nil {
            // A queued PUT does not wait for the budget.
            if target.queuedPut != nil { return .distantPast }
            earliest = min(earliest ?? target.nextDue, target.nextDue)
        }
        return earliest.map { max($0, pacer.nextSlot) }
    }

    /// Records a finished request and returns the events to report. A response for a request that
    /// is not in flight (already finished, or unknown) is ignored.
    public mutating func didFinish(_ finished: ScheduledRequest, response: ProtectionResponse,
                                   now: Date) -> [MonitorEvent] {
        let target = finished.target
        guard targets.indices.contains(target), targets[target].inFlight == finished else { return [] }
        targets[target].inFlight = nil
        if response.result.callsForBackoff(httpStatus: response.httpStatus) {
            targets[target].backoffLevel = min(targets[target].backoffLevel + 1, PollTiming.maximumBackoffLevel)
            let delay = timing.backoffDelay(level: targets[target].backoffLevel, using: &random)
            // A backoff is waited out in full: nothing leaves early with the others.
            targets[target].nextDue = now.addingTimeInterval(delay)
            targets[target].opensAt = targets[target].nextDue
        } else {
            targets[target].backoffLevel = 0
            targets[target].nextDue = now.addingTimeInterval(timing.pollDelay(using: &random))
            targets[target].opensAt = min(targets[target].nextDue, now.addingTimeInterval(timing.shortestPollDelay))
        }
        var events: [MonitorEvent] = []
        if staleGuard.admit(target: target, request: finished.request, sentStamp: finished.ticket) {
            events.append(.responded(target: target, request: finished.request, response: response))
        }
        if let offset = clockOffset.add(response, now: now) { events.append(.clockOffsetChanged(offset)) }
        return events
    }

    /// Makes the given targets (nil: all) due at `now`. A target with a request in flight is left
    /// alone: its answer is on the way. The global budget still paces the refreshed polls.
    public mutating func refresh(_ requested: [TargetID]?, now: Date) {
        for target in requested ?? Array(targets.indices) where targets.indices.contains(target) {
            guard targets[target].inFlight == nil else { continue }
            targets[target].nextDue = min(targets[target].nextDue, now)
            targets[target].opensAt = min(targets[target].opensAt, now)
        }
    }

    /// Queues a PUT of `change` for each listed target (duplicates and unknown ids are ignored).
    /// A target holds at most one queued PUT besides the request in flight: queuing again replaces
    /// the queued change, so the latest intent is the one sent and a key flood sends at most two.
    public mutating func enqueue(_ change: ProtectionChange, for requested: [TargetID]) {
        var seen = Set<TargetID>()
        for target in requested where targets.indices.contains(target) && seen.insert(target).inserted {
            putOrder += 1
            targets[target].queue(change, order: putOrder)
        }
    }

    /// The change queued for `target` and not sent yet, if any.
    public func queuedChange(for target: TargetID) -> ProtectionChange? {
        targets.indices.contains(target) ? targets[target].queuedPut?.change : nil
    }

    /// Whether `target` has a request in flight.
    public func isInFlight(_ target: TargetID) -> Bool {
        targets.indices.contains(target) && targets[target].inFlight != nil
    }

    /// When `target`'s next GET is due, nil for an unknown target.
    public func nextDue(of target: TargetID) -> Date? {
        targets.indices.contains(target) ? targets[target].nextDue : nil
    }

    /// The free target with the oldest queued PUT.
    private func nextReadyPut() -> TargetID? {
        var best: (target: TargetID, order: UInt64)?
        for (index, target) in targets.enumerated() where target.inFlight == nil {
            guard let put = target.queuedPut else { continue }
            if best.map({ put.order < $0.order }) ?? true { best = (index, put.order) }
        }
        return best?.target
    }

    /// The free target whose GET is due soonest (lowest id on ties), among those without a PUT
    /// whose window has opened: the most overdue first, then those that may leave early.
    private func nextDueGet(at now: Date) -> TargetID? {
        var best: (target: TargetID, due: Date)?
        for (index, target) in targets.enumerated()
        where target.inFlight == nil && target.queuedPut == nil && target.opensAt <= now {
            if best.map({ target.nextDue < $0.due }) ?? true { best = (index, target.nextDue) }
        }
        return best?.target
    }

    private mutating func issue(for target: TargetID, at now: Date) -> ScheduledRequest {
        let request: ProtectionRequest
        if let put = targets[target].queuedPut {
            request = .put(put.change)
            targets[target].queuedPut = nil
        } else {
            request = .get
        }
        let scheduled = ScheduledRequest(target: target, request: request, ticket: staleGuard.stampSend(), issuedAt: now)
        targets[target].inFlight = scheduled
        pacer.consume(at: now)
        return scheduled
    }
}
