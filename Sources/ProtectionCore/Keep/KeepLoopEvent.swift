import FoundationEssentials

/// What `protect --keep`'s loop did, for whoever records or prints it.
public enum KeepLoopEvent: Sendable, Equatable {
    /// A renewal (a PUT for the period's minutes) left for the task.
    case renewalSent(Endpoint, taskArn: String?, at: Date, minutes: Int)
    /// The renewal was confirmed: protected until `until` (by ``ExpiryEstimate``), the next
    /// renewal due at `next`; `agentClockAhead` when the agent's clock was found to differ from ECS's.
    case renewed(Endpoint, taskArn: String?, at: Date, until: Date, next: Date, agentClockAhead: TimeInterval?)
    /// The renewal failed (a failure, an error, no answer, or an answer that is not protected);
    /// the next attempt is due at `retry`.
    case renewalFailed(Endpoint, taskArn: String?, at: Date, reason: String, retry: Date)
    /// A read between renewals found the task unprotected before its expiry: someone else
    /// unprotected it. It is protected again at once, unless that happened before within one
    /// period: then keep pauses for the task (`paused`) instead of fighting.
    case unprotectedBySomeoneElse(Endpoint, taskArn: String?, at: Date, paused: Bool)
}
