import FoundationEssentials
import ProtectionCore

/// How the ECS API source polls and discovers.
public struct ECSMonitorConfiguration: Sendable, Equatable {
    /// Interval, budget (API calls per second), jitter and backoff, as for the agent endpoints.
    public var polling: MonitorConfiguration
    /// Seconds between two discoveries (`ListTasks`), besides the one on a full refresh.
    public var discoveryInterval: TimeInterval
    /// Seconds a stopped task stays on screen, marked gone, before it leaves.
    public var goneRetention: TimeInterval

    /// Creates a configuration.
    public init(polling: MonitorConfiguration = .init(), discoveryInterval: TimeInterval = 30, goneRetention: TimeInterval = 30) {
        self.polling = polling.sanitized
        self.discoveryInterval = discoveryInterval.isFinite && discoveryInterval > 0 ? discoveryInterval : 30
        self.goneRetention = goneRetention.isFinite && goneRetention >= 0 ? goneRetention : 30
    }
}
