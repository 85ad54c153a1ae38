import FoundationEssentials
#if canImport(Glibc)
import Glibc // pow
#endif

/// When to renew a task that is being kept protected.
///
/// A renewal is due when the protection left falls below the *lead*: a quarter of the period or
/// five minutes, whichever is longer, but never more than half the period. With the agent's
/// default 120 minutes that renews with 30 minutes left (every 90 minutes), so three failed
/// renewals in a row with the longest back-off still leave time; with 10 minutes it renews with
/// 5 left; with 2 minutes, with 1 left. Five minutes is the floor because a throttled ECS API can
/// take minutes to recover, and a quarter scales that margin with longer periods.
///
/// After a failure the next attempt waits 5 s, then 10, 20, … up to 2 minutes (never sooner),
/// and while a renewal is in flight no other is sent.
public struct KeepProtectedPolicy: Sendable, Equatable {
    /// The protection each renewal asks for, in minutes.
    public var periodMinutes: Int
    /// The shortest lead, in seconds.
    public var minimumLead: TimeInterval = 300
    /// The first wait after a failure, in seconds.
    public var initialBackoff: TimeInterval = 5
    /// The longest wait after failures, in seconds.
    public var maximumBackoff: TimeInterval = 120

    /// Creates the policy for renewals of `periodMinutes`.
    public init(periodMinutes: Int) {
        self.periodMinutes = max(1, periodMinutes)
    }

    /// The period in seconds.
    public var period: TimeInterval { TimeInterval(periodMinutes) * 60 }

    /// How much protection may be left when a renewal is sent.
    public var lead: TimeInterval { min(max(period / 4, minimumLead), period / 2) }

    /// The wait after `failures` consecutive failures (`failures` ≥ 1).
    public func backoff(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(min(max(failures, 1) - 1, 30))
        return min(initialBackoff * pow(2, exponent), maximumBackoff)
    }

    /// What to do now for a task in `state`.
    public func decide(_ state: KeepProtectedState, now: Date) -> KeepProtectedDecision {
        if state.paused { return .paused }
        if state.renewalPending { return .waitForPending }
        if state.consecutiveFailures > 0, let failedAt = state.lastFailureAt {
            let retryAt = failedAt.addingTimeInterval(backoff(afterFailures: state.consecutiveFailures))
            return now >= retryAt ? .renewNow : .wait(until: retryAt)
        }
        guard let expiresAt = state.expiresAt else { return .renewNow }
        let renewAt = expiresAt.addingTimeInterval(-lead)
        return now >= renewAt ? .renewNow : .wait(until: renewAt)
    }
}

/// What the keep-protected policy says to do.
public enum KeepProtectedDecision: Sendable, Equatable {
    /// Send a renewal now.
    case renewNow
    /// Nothing to do before this time.
    case wait(until: Date)
    /// A renewal is in flight: wait for its answer.
    case waitForPending
    /// Keep stopped renewing this task (someone unprotects it on purpose): nothing is sent.
    case paused
}

/// What keep-protected does when a read finds a kept task unprotected before its renewal.
public enum KeepProtectedDefence: Sendable, Equatable {
    /// Someone else unprotected it: protect it again at once.
    case reprotect
    /// It happened again within one period (a worker unprotecting its own task on purpose):
    /// stop renewing it instead of fighting, and say so.
    case pause
}

/// What keep-protected knows about one task.
public struct KeepProtectedState: Sendable, Equatable {
    /// The confirmed expiry, on the local clock (agent clock offset already applied); `nil` before
    /// the first confirmation or when the task is not protected.
    public var expiresAt: Date?
    /// Whether a renewal was sent and not answered yet.
    public var renewalPending = false
    /// Failed renewals since the last success.
    public var consecutiveFailures = 0
    /// When the last failure was answered.
    public var lastFailureAt: Date?
    /// Renewals confirmed so far.
    public var renewals = 0
    /// When a read last found the task unprotected by someone else while kept.
    public var unprotectedBySomeoneElseAt: Date?
    /// Whether keep stopped renewing the task because it was unprotected twice in one period.
    public var paused = false

    /// A task not renewed yet.
    public init(expiresAt: Date? = nil) {
        self.expiresAt = expiresAt
    }

    /// A renewal left.
    public mutating func renewalSent() {
        renewalPending = true
    }

    /// The renewal was confirmed with protection until `expiresAt`.
    public mutating func renewalConfirmed(expiresAt: Date?) {
        renewalPending = false
        consecutiveFailures = 0
        lastFailureAt = nil
        self.expiresAt = expiresAt
        renewals += 1
    }

    /// A read at `time` found the task not protected while kept, with no renewal in flight and
    /// before the confirmed expiry: someone else unprotected it. The first time in a period it is
    /// protected again at once; a second time within `policy.period` keep pauses for the task.
    public mutating func foundUnprotected(at time: Date, policy: KeepProtectedPolicy) -> KeepProtectedDefence {
        if let previous = unprotectedBySomeoneElseAt, time.timeIntervalSince(previous) < policy.period {
            paused = true
            expiresAt = nil
            return .pause
        }
        unprotectedBySomeoneElseAt = time
        expiresAt = nil
        consecutiveFailures = 0
        lastFailureAt = nil
        return .reprotect
    }

    /// The renewal failed (failure, error, no answer) at `time`.
    public mutating func renewalFailed(at time: Date) {
        renewalPending = false
        consecutiveFailures += 1
        lastFailureAt = time
    }
}
