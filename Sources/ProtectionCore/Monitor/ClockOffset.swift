import FoundationEssentials

/// The agent's clock minus the local clock, as countdowns should use it: a value that moves
/// toward the latest estimate at a bounded rate (a slew) instead of jumping, so a countdown built
/// on it steps once a second and never goes back up.
///
/// The value is `base` until `since`, then moves toward `target` by at most `slewRate` seconds per
/// second, then stays at `target`. A constant offset is written as a literal (`ClockOffset = 3`).
public struct ClockOffset: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// The value at `since`.
    public var base: TimeInterval
    /// The value the slew is heading for.
    public var target: TimeInterval
    /// When the slew starts, by the local clock.
    public var since: Date
    /// Largest change of the value per second of local time (0.02: a countdown second lasts
    /// between 0.98 and 1.02 s while the estimate is being caught up with).
    public var slewRate: Double
    /// A measured offset that was not applied because it is beyond belief (see
    /// ``ClockOffsetEstimator/plausibleLimit``); nil when the measurement is in use.
    public var rejectedMeasurement: TimeInterval?

    /// The default slew rate, 20 ms per second.
    public static let defaultSlewRate = 0.02

    /// An offset that slews from `base` at `since` toward `target`.
    public init(base: TimeInterval, target: TimeInterval, since: Date, slewRate: Double = ClockOffset.defaultSlewRate,
                rejectedMeasurement: TimeInterval? = nil) {
        self.base = base.isFinite ? base : 0
        self.target = target.isFinite ? target : self.base
        self.since = since
        self.slewRate = slewRate.isFinite && slewRate > 0 ? min(slewRate, 0.5) : ClockOffset.defaultSlewRate
        self.rejectedMeasurement = rejectedMeasurement
    }

    /// A constant offset.
    public init(fixed value: TimeInterval) {
        self.init(base: value, target: value, since: .distantPast)
    }

    /// A constant offset of `value` seconds.
    public init(floatLiteral value: Double) { self.init(fixed: value) }
    /// A constant offset of `value` seconds.
    public init(integerLiteral value: Int) { self.init(fixed: TimeInterval(value)) }

    /// No offset.
    public static let zero = ClockOffset(fixed: 0)

    /// When the slew reaches `target`.
    public var slewEnd: Date {
        since.addingTimeInterval((target - base).magnitude / slewRate)
    }

    /// The offset to use at local time `now`.
    public func value(at now: Date) -> TimeInterval {
        let elapsed = max(0, now.timeIntervalSince(since))
        let gap = target - base
        let reachable = elapsed * slewRate
        return gap.magnitude <= reachable ? target : base + (gap < 0 ? -reachable : reachable)
    }

    /// The agent's clock at local time `now`. It never runs backwards: the offset changes by less
    /// than a second per second.
    public func agentTime(at now: Date) -> Date {
        now.addingTimeInterval(value(at: now))
    }

    /// Seconds left until `expiry` (an agent-clock date) at local time `now`.
    public func remaining(until expiry: Date, at now: Date) -> TimeInterval {
        expiry.timeIntervalSince(agentTime(at: now))
    }

    /// The whole seconds a countdown to `expiry` shows at `now` (fractions dropped, never below 0),
    /// as a `Double` so an absurd date cannot overflow an `Int`.
    public func countdownValue(until expiry: Date, at now: Date) -> Double {
        let remaining = remaining(until: expiry, at: now)
        return remaining.isFinite ? max(0, remaining.rounded(.down)) : 0
    }

    /// The first local instant after `now` at which a countdown to `expiry` shows something else:
    /// the next whole second (``countdownValue(until:at:)``), or the lapse when it reads `0s`; nil
    /// once lapsed. The instant is the expiry's own fractional second corrected by the offset, so a
    /// UI that wakes exactly then shows every value once, on time.
    public func nextCountdownChange(until expiry: Date, after now: Date) -> Date? {
        let shown = displayedStep(until: expiry, at: now)
        guard shown >= 0 else { return nil }
        // The display changes when the agent's clock reaches expiry - shown.
        guard var instant = localTime(whenAgentClockReads: expiry.addingTimeInterval(-shown)) else { return nil }
        instant = max(instant, now)
        // The exact instant can round to a time that still shows the old value; step past it
        // (one or two steps of a microsecond; bounded in case the clock arithmetic misbehaves).
        var steps = 0
        while steps < 1_000, instant <= now || displayedStep(until: expiry, at: instant) == shown {
            instant = instant.addingTimeInterval(1e-6)
            steps += 1
        }
        return displayedStep(until: expiry, at: instant) == shown ? nil : instant
    }

    /// Whole seconds left while some remain, -1 once lapsed.
    private func displayedStep(until expiry: Date, at now: Date) -> Double {
        let remaining = remaining(until: expiry, at: now)
        guard remaining.isFinite else { return -1 }
        return remaining > 0 ? remaining.rounded(.down) : -1
    }

    /// The local time at which ``agentTime(at:)`` reads `agentTime`: the inverse of a strictly
    /// increasing, piecewise linear function (before the slew, during it, after it).
    public func localTime(whenAgentClockReads agentTime: Date) -> Date? {
        let reading = agentTime.timeIntervalSinceReferenceDate
        let start = since.timeIntervalSinceReferenceDate
        guard reading.isFinite else { return nil }
        if reading <= start + base { return Date(timeIntervalSinceReferenceDate: reading - base) }
        let end = slewEnd.timeIntervalSinceReferenceDate
        if reading >= end + target { return Date(timeIntervalSinceReferenceDate: reading - target) }
        let slope = target < base ? -slewRate : slewRate
        return Date(timeIntervalSinceReferenceDate: start + (reading - start - base) / (1 + slope))
    }
}
