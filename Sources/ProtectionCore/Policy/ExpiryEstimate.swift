import FoundationEssentials

/// The one clock rule for how long a protection has left, used by the dashboard's rows, alerts
/// and keep-protected, by `protect --keep` and by the one-shot commands.
///
/// An answer's `ExpirationDate` comes from ECS; its `Date` header from the agent's host. The time
/// left is the one minus the other, both from the same answer, counted down from the moment the
/// answer arrived on the reader's own clock: the reader's wall clock is never compared with either.
/// When the protection was set by a request of ours (sent at t for N minutes), it cannot outlast
/// t + N by more than the latency: that bound caps the estimate, and when the two disagree by more
/// than ``tolerance`` the agent's clock differs from ECS's and the bound is used instead.
public struct ExpiryEstimate: Sendable, Equatable {
    /// When the protection ends, on the clock `receivedAt` was read from; nil when not protected
    /// or when the answer cannot say (protected, but already past its expiry by its own `Date`).
    public var endsAt: Date?
    /// How far the agent's clock is ahead of ECS's (negative: behind), when it was found to differ
    /// by more than ``tolerance``.
    public var agentClockAhead: TimeInterval?

    /// How far the answer and the request may disagree before the clocks are said to differ
    /// (a `Date` header is whole seconds, and a request takes some time to reach ECS).
    public static let tolerance: TimeInterval = 5

    /// The estimate for one answer.
    /// - Parameters:
    ///   - expiration: the answer's `ExpirationDate` (nil: protected without an end, or not protected).
    ///   - enabled: the answer's `ProtectionEnabled`.
    ///   - serverDate: the answer's `Date` header, if it had one.
    ///   - receivedAt: when the answer arrived.
    ///   - requestBound: sent-at + minutes of the request of ours that set this protection, if any.
    public init(expiration: Date?, enabled: Bool, serverDate: Date?, receivedAt: Date, requestBound: Date? = nil) {
        guard enabled, let expiration else { return }
        // The header is whole seconds, so this may run up to a second long; it never runs short.
        let byAnswer = serverDate.map { receivedAt.addingTimeInterval(expiration.timeIntervalSince($0)) }
        // A difference beyond any real clock's error is a bad date, not a clock: say nothing of clocks.
        if let answer = byAnswer {
            let difference = requestBound.map { answer.timeIntervalSince($0) } ?? min(0, answer.timeIntervalSince(receivedAt))
            if abs(difference) > ClockOffsetEstimator.defaultPlausibleLimit {
                endsAt = requestBound
                return
            }
        }
        switch (byAnswer, requestBound) {
        case (let answer?, let bound?):
            if abs(answer.timeIntervalSince(bound)) > Self.tolerance {
                endsAt = bound
                agentClockAhead = bound.timeIntervalSince(answer)
            } else {
                endsAt = min(answer, bound)
            }
        case (let answer?, nil):
            // ECS says protected, yet the expiry is past by the agent's own clock: its clock is ahead
            // by at least that much, and the time left cannot be told from this answer.
            if answer <= receivedAt {
                agentClockAhead = receivedAt.timeIntervalSince(answer)
            } else {
                endsAt = answer
            }
        case (nil, let bound?):
            endsAt = min(bound, expiration)
        case (nil, nil):
            // No `Date` header: the expiry as it reads, the only evidence there is.
            endsAt = expiration
        }
    }

    /// Seconds left at `now` (never below zero), or nil when the end is not known.
    public func remaining(at now: Date) -> TimeInterval? {
        endsAt.map { max(0, $0.timeIntervalSince(now)) }
    }
}
