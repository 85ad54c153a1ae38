import FoundationEssentials

/// When a protected task deserves the room's attention.
///
/// Two alerts, each at most once per expiry time (a renewal moves the expiry and re-arms them):
/// - *expiring*: when a task seen with more than `alertBefore` left crosses into the last
///   `alertBefore` (a task first seen already inside the window, such as one next to expiry when
///   the dashboard starts, shows EXPIRING without a ring). The window is relative to what was
///   asked: for a protection whose length is known (a PUT with minutes, or an expiry set while
///   watched), it is at most `shortFraction` of that length, so a 10-minute protection is not
///   "expiring" the moment it is set;
/// - *lapsed*: the expiry passed while the task was expected to be protected, whether the
///   countdown reached zero or the agent answered "not protected" at or after the expiry. An
///   operator's unprotect, or the agent answering "not protected" well before the expiry, is not a lapse.
public struct LapseAlertPolicy: Sendable, Equatable {
    /// How long before the expiry the *expiring* alert fires, in seconds (default 10 minutes).
    public var alertBefore: TimeInterval
    /// How early an "unprotected" answer may come and still count as the lapse (clock offsets are estimates).
    public var tolerance: TimeInterval = 2
    /// The largest part of a known protection's length the window may take (a quarter).
    public var shortFraction: Double = 0.25

    /// Creates the policy.
    public init(alertBefore: TimeInterval = 600) {
        self.alertBefore = max(0, alertBefore)
    }

    /// The window for a protection of `period` seconds (nil: length unknown, the full window).
    public func window(forPeriod period: TimeInterval?) -> TimeInterval {
        guard let period, period > 0 else { return alertBefore }
        return min(alertBefore, period * shortFraction)
    }
}

/// An alert the policy raised.
public enum LapseAlert: Sendable, Equatable {
    /// The task entered its last minutes, with this many seconds left.
    case expiring(remaining: TimeInterval)
    /// Protection lapsed while it was expected to hold.
    case lapsed
    /// A kept task was found unprotected by someone else before its renewal, and protected again.
    case unprotectedWhileKept
    /// A kept task was unprotected again within one period: keep stopped renewing it.
    case keepPaused
}

/// What the lapse-alert policy remembers about one task.
public struct LapseWatch: Sendable, Equatable {
    /// The policy applied.
    public let policy: LapseAlertPolicy
    /// Whether the task is expected to be protected (it was seen protected and nobody unprotected it).
    public private(set) var expectedProtected = false
    /// The expiry last seen, on the local clock.
    public private(set) var expiresAt: Date?
    private var expiringAlertedFor: Date?
    /// Whether the current expiry was seen with more than `alertBefore` left (the window can be entered).
    private var armed = false
    private var lapseAlertedFor: Date?
    /// The length asked for the current expiry, when known: a PUT's minutes, or for an expiry
    /// that changed while watched (set elsewhere, as by `protect --keep`), the time left when it
    /// was first read, which is the length asked less one poll at most.
    public private(set) var period: TimeInterval?
    /// Whether an answer was seen before: the first one may show a protection set long ago.
    private var seen = false

    /// How long before the current expiry the task counts as expiring.
    public var window: TimeInterval { policy.window(forPeriod: period) }

    /// A task not seen yet.
    public init(policy: LapseAlertPolicy) {
        self.policy = policy
    }

    /// Whether the task is protected and has `alertBefore` or less left at `now` (the header's "lapsing soon").
    public func isLapsingSoon(now: Date) -> Bool {
        guard expectedProtected, let expiresAt else { return false }
        let remaining = expiresAt.timeIntervalSince(now)
        return remaining > 0 && remaining <= window
    }

    /// An answer: protected until `expiresAt`, or not protected (`enabled` false). `period` is
    /// the length asked when the answer is to a PUT that set it; a read keeps what is known.
    public mutating func observe(enabled: Bool, expiresAt newExpiry: Date?, now: Date, period asked: TimeInterval? = nil) -> [LapseAlert] {
        if enabled, let newExpiry {
            if newExpiry != expiresAt {
                armed = false
                // A later expiry was set anew; a small move is the clock estimate, not a new length.
                if expiresAt.map({ newExpiry.timeIntervalSince($0) > 1 }) ?? true {
                    period = seen ? max(0, newExpiry.timeIntervalSince(now)) : nil
                }
            }
            seen = true
            if let asked { period = asked }
            expectedProtected = true
            expiresAt = newExpiry
            return tick(now: now)
        }
        defer {
            seen = true
            expectedProtected = false
            if !enabled { expiresAt = nil }
        }
        guard expectedProtected, let expiry = expiresAt else { return [] }
        if now >= expiry.addingTimeInterval(-policy.tolerance), lapseAlertedFor != expiry {
            lapseAlertedFor = expiry
            return [.lapsed]
        }
        return []
    }

    /// The instant from which ``tick(now:)`` raises this task's next alert (it may be past: the
    /// alert is due now), or nil when no alert can come without a new answer.
    public var nextAlertInstant: Date? {
        guard expectedProtected, let expiry = expiresAt, lapseAlertedFor != expiry else { return nil }
        if armed, expiringAlertedFor != expiry { return expiry.addingTimeInterval(-window) }
        return expiry
    }

    /// The operator (or a worker) unprotected the task on purpose: the coming "not protected" is no lapse.
    public mutating func unprotectedOnPurpose() {
        expectedProtected = false
        expiresAt = nil
        period = nil
    }

    /// Whether ``tick(now:)`` at `now` would change anything (arm the watch or raise an alert):
    /// a dashboard ticking many times a second over thousands of tasks visits only these.
    public func hasWork(at now: Date) -> Bool {
        guard expectedProtected, let expiry = expiresAt else { return false }
        let remaining = expiry.timeIntervalSince(now)
        if remaining <= 0 { return lapseAlertedFor != expiry }
        if remaining > window { return !armed }
        return armed && expiringAlertedFor != expiry
    }

    /// Time passed with no answer: the countdown may have entered the window or reached zero.
    public mutating func tick(now: Date) -> [LapseAlert] {
        guard expectedProtected, let expiry = expiresAt else { return [] }
        let remaining = expiry.timeIntervalSince(now)
        if remaining <= 0 {
            guard lapseAlertedFor != expiry else { return [] }
            lapseAlertedFor = expiry
            return [.lapsed]
        }
        if remaining > window { armed = true }
        if remaining <= window, armed, expiringAlertedFor != expiry {
            expiringAlertedFor = expiry
            return [.expiring(remaining: remaining)]
        }
        return []
    }
}
