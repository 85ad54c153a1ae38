import FoundationEssentials
import Synchronization

/// The simulator's notion of "now": protection expiry, `ExpirationDate` and the `Date` header use it.
public protocol SimulatorClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
}

/// The real system clock.
public struct SystemSimulatorClock: SimulatorClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that only moves when told to, for deterministic tests of expiry and formatting.
public final class ManualSimulatorClock: SimulatorClock {
    private let current: Mutex<Date>

    /// Creates a clock standing at `start`.
    public init(start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock to `date` (backwards too, to simulate clock skew).
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
