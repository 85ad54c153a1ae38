import FoundationEssentials

/// The monitor's notion of time, injectable so scheduling is tested without sleeping.
public protocol MonitorClock: Sendable {
    /// The local wall clock.
    func now() -> Date
    /// Suspends until `deadline` by this clock, or throws `CancellationError` when cancelled.
    func sleep(until deadline: Date) async throws
}

/// The real clock.
public struct SystemMonitorClock: MonitorClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        if interval > 0 { try await Task.sleep(for: .seconds(interval)) }
    }
}
