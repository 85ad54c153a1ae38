import Dashboard
import FoundationEssentials
import Synchronization

/// A replay's time cursor: it runs at a chosen speed (1x to 60x) from the instant it was last
/// set, or stands still while paused, and never leaves the drill's span.
public final class ReplayClock: SessionClock {
    private struct Reading {
        var cursor: Date
        var wallAnchor: Date
        var paused: Bool
        var speed: Int
    }

    /// The drill's first and last record.
    public let start: Date
    public let end: Date
    private let reading: Mutex<Reading>
    private let wall: @Sendable () -> Date

    /// A cursor at `start`, playing at `speed`; `wall` is the clock it runs on (tests pass their own).
    public init(start: Date, end: Date, speed: Int = 1, paused: Bool = false, wall: @escaping @Sendable () -> Date = { Date() }) {
        self.start = start
        self.end = max(start, end)
        self.wall = wall
        reading = Mutex(Reading(cursor: start, wallAnchor: wall(), paused: paused, speed: Self.clamped(speed)))
    }

    public func now() -> Date {
        reading.withLock { current(in: $0) }
    }

    public func wallSeconds(until instant: Date) -> TimeInterval? {
        reading.withLock { reading in
            let cursor = current(in: reading)
            if instant <= cursor { return 0 }
            guard !reading.paused, instant <= end else { return nil }
            return instant.timeIntervalSince(cursor) / Double(reading.speed)
        }
    }

    /// Whether the cursor stands still, and the speed it runs at when it does not.
    public var paused: Bool { reading.withLock { $0.paused } }
    public var speed: Int { reading.withLock { $0.speed } }

    /// Moves the cursor to `instant` (within the drill).
    public func set(_ instant: Date) {
        reading.withLock { reading in
            reading.cursor = min(max(instant, start), end)
            reading.wallAnchor = wall()
        }
    }

    /// Stops or restarts the cursor where it is.
    public func setPaused(_ paused: Bool) {
        reading.withLock { reading in
            reading.cursor = current(in: reading)
            reading.wallAnchor = wall()
            reading.paused = paused
        }
    }

    /// Runs the cursor at `speed` record seconds per wall second from now on.
    public func setSpeed(_ speed: Int) {
        reading.withLock { reading in
            reading.cursor = current(in: reading)
            reading.wallAnchor = wall()
            reading.speed = Self.clamped(speed)
        }
    }

    private func current(in reading: Reading) -> Date {
        guard !reading.paused else { return reading.cursor }
        let elapsed = max(0, wall().timeIntervalSince(reading.wallAnchor)) * Double(reading.speed)
        return min(reading.cursor.addingTimeInterval(elapsed), end)
    }

    private static func clamped(_ speed: Int) -> Int {
        min(max(speed, ReplayStatus.speeds.first ?? 1), ReplayStatus.speeds.last ?? 60)
    }
}
