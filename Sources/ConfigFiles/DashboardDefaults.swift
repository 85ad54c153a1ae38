import Dashboard

/// The dashboard options one table of the config file sets: `[dashboard]` for every run, or a
/// target set for itself. A key left out is nil.
public struct DashboardDefaults: Equatable, Sendable {
    public var theme: ConfiguredValue<String>?
    public var interval: ConfiguredValue<Double>?
    public var maxRequestsPerSecond: ConfiguredValue<Double>?
    public var readOnly: ConfiguredValue<Bool>?
    /// Minutes before an expiry that a protected task alerts (`--alert-before`).
    public var alertBefore: ConfiguredValue<Double>?
    /// Whether alerts ring the terminal's bell (`--no-bell` turns it off).
    public var bell: ConfiguredValue<Bool>?
    /// Task table columns hidden at start (the column menu, `c`, shows or hides them later).
    public var hiddenColumns: ConfiguredValue<Set<TableColumn>>?

    public init() {}

    /// The keys a table may hold for these options: one per dashboard option.
    public static let keys = ["theme", "interval", "max-rps", "read-only", "alert-before", "bell", "hidden-columns"]
}
