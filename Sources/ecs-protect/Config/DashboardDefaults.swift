/// The dashboard options one table of the config file sets: `[dashboard]` for every run, or a
/// target set for itself. A key left out is nil.
struct DashboardDefaults: Equatable {
    var theme: ConfiguredValue<String>?
    var interval: ConfiguredValue<Double>?
    var maxRequestsPerSecond: ConfiguredValue<Double>?
    var readOnly: ConfiguredValue<Bool>?

    /// The keys a table may hold for these options.
    static let keys = ["theme", "interval", "max-rps", "read-only"]

    /// Keys kept for features that do not exist yet. They are refused until they do something, so
    /// that a file written today never silently means something else later.
    static let reservedKeys: [String: String] = [
        "alert-threshold": "alerts are not supported yet",
        "bell": "the alert bell is not supported yet",
    ]
}
