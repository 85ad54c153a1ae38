/// The dashboard options one table of the config file sets: `[dashboard]` for every run, or a
/// target set for itself. A key left out is nil.
public struct DashboardDefaults: Equatable {
    public var theme: ConfiguredValue<String>?
    public var interval: ConfiguredValue<Double>?
    public var maxRequestsPerSecond: ConfiguredValue<Double>?
    public var readOnly: ConfiguredValue<Bool>?

    /// The keys a table may hold for these options.
    public static let keys = ["theme", "interval", "max-rps", "read-only"]

    /// Keys kept for features that do not exist yet. They are refused until they do something, so
    /// that a file written today never silently means something else later.
    public static let reservedKeys: [String: String] = [
        "alert-threshold": "alerts are not supported yet",
        "bell": "the alert bell is not supported yet",
    ]
}
