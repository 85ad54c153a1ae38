import FoundationEssentials
import ProtectionCore

/// When something about a row or a kept task changes by itself: countdowns, expiries, renewals,
/// alerts and flashes, all by the one clock rule.
extension DashboardState {
    /// Seconds of protection left by the agent's clock, or nil when there is no expiry to count to.
    public func remaining(of row: TaskRow) -> TimeInterval? {
        guard row.protection?.enabled == true, let expiry = row.expiresAt else { return nil }
        return expiry.timeIntervalSince(now)
    }

    /// The local instant after ``now`` at which the row's countdown (or its state, when it lapses)
    /// next shows something else, nil when nothing about it will change by itself. A UI that wakes
    /// then, instead of on the local clock's second, shows every value once and on time.
    public func nextCountdownChange(of row: TaskRow) -> Date? {
        guard row.protection?.enabled == true, let expiry = row.expiresAt, !hasImplausibleExpiry(row) else { return nil }
        return ClockOffset.zero.nextCountdownChange(until: expiry, after: now)
    }

    /// When the row's protection ends by the local clock, by the one clock rule (``TaskRow/expiresAt``).
    public func localExpiry(of row: TaskRow) -> Date? {
        guard row.protection?.enabled == true else { return nil }
        return row.expiresAt
    }

    /// When the kept task `target` is renewed next (local clock), nil when it is not kept or not confirmed yet.
    public func nextRenewal(of target: TargetID) -> Date? {
        guard let keep = kept[target] else { return nil }
        switch keepPolicy.decide(keep, now: now) {
        case .wait(let until): return until
        case .renewNow: return now
        case .waitForPending, .paused: return nil
        }
    }

    /// The earliest instant at which a tick has work for a task on screen or not: an alert before a
    /// lapse, a kept task's renewal, the end of a row's flash. Nil when none is pending, so a
    /// dashboard with nothing armed sleeps until an event.
    public func nextBackgroundDeadline() -> Date? {
        nextBackgroundDeadline(earliestAlert: lapseWatches.values.lazy.compactMap(\.nextAlertInstant).min())
    }

    /// ``nextBackgroundDeadline()`` with the lapse watches' earliest alert already known.
    func nextBackgroundDeadline(earliestAlert: Date?) -> Date? {
        var earliest = earliestAlert
        func consider(_ instant: Date?) {
            guard let instant else { return }
            earliest = min(earliest ?? instant, instant)
        }
        for target in kept.keys { consider(nextRenewal(of: target)) }
        for until in flashUntil.values { consider(until) }
        return earliest
    }
}
