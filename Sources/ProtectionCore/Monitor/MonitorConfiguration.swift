import FoundationEssentials

/// How the monitor spends its request budget. Each GET at the agent is one ECS API call in the
/// customer's account, so polling is deliberately bounded.
public struct MonitorConfiguration: Sendable, Equatable {
    /// Time between two GETs of one target when nothing stretches it.
    public var pollInterval: TimeInterval = 2
    /// Each wait is multiplied by a random factor in `1 ± jitter`, so many targets do not poll in lockstep.
    public var jitter: Double = 0.1
    /// Requests per second across all targets; the interval stretches to `targets / maxRequestsPerSecond`.
    public var maxRequestsPerSecond: Double = 10
    /// First wait after a result that calls for backoff; doubles on each further one.
    public var backoffInitial: TimeInterval = 2
    /// Longest wait between polls of a target that keeps failing.
    public var backoffMaximum: TimeInterval = 60

    public init(pollInterval: TimeInterval = 2, jitter: Double = 0.1, maxRequestsPerSecond: Double = 10,
                backoffInitial: TimeInterval = 2, backoffMaximum: TimeInterval = 60) {
        self.pollInterval = pollInterval
        self.jitter = jitter
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.backoffInitial = backoffInitial
        self.backoffMaximum = backoffMaximum
    }

    /// This configuration with unusable values replaced, so scheduling never divides by zero or
    /// waits forever: non-finite or non-positive times and rates fall back to the defaults, jitter
    /// is clamped to 0…0.9, and the backoff cap is at least the first backoff.
    public var sanitized: MonitorConfiguration {
        let defaults = MonitorConfiguration()
        func positive(_ value: Double, _ fallback: Double) -> Double {
            value.isFinite && value > 0 ? value : fallback
        }
        var result = self
        result.pollInterval = positive(pollInterval, defaults.pollInterval)
        result.jitter = jitter.isFinite ? min(max(jitter, 0), 0.9) : defaults.jitter
        result.maxRequestsPerSecond = positive(maxRequestsPerSecond, defaults.maxRequestsPerSecond)
        result.backoffInitial = positive(backoffInitial, defaults.backoffInitial)
        result.backoffMaximum = max(positive(backoffMaximum, defaults.backoffMaximum), result.backoffInitial)
        return result
    }
}
