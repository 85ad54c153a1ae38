import FoundationEssentials

/// The time a dashboard session shows: the wall clock live, a record's time cursor in a replay.
public protocol SessionClock: Sendable {
    /// The session's now.
    func now() -> Date
    /// How long to wait, in wall seconds, until the session's clock reads `instant`; nil when it
    /// will not get there by itself (a paused replay).
    func wallSeconds(until instant: Date) -> TimeInterval?
}

/// The wall clock: a live session's.
public struct WallClock: SessionClock {
    public init() {}
    public func now() -> Date { Date() }
    public func wallSeconds(until instant: Date) -> TimeInterval? { instant.timeIntervalSinceNow }
}
