/// The dashboard's tunable options: their built-in defaults and allowed ranges, shared by the
/// command line and the config file so both refuse the same values.
public enum DashboardLimits {
    /// Seconds between two polls of one task.
    public static let defaultInterval: Double = 2
    public static let interval: ClosedRange<Double> = 0.5...3600
    /// Requests per second across all tasks.
    public static let defaultMaxRequestsPerSecond: Double = 10
    public static let maxRequestsPerSecond: ClosedRange<Double> = 0.1...1000
    /// Minutes before an expiry that a protected task alerts and shows EXPIRING.
    public static let defaultAlertBefore: Double = 10
    public static let alertBefore: ClosedRange<Double> = 0...2880
}
