/// The sources of the rows: one "ECS API" for a cluster, one per cluster of a fleet, one per agent host.
extension DashboardState {
    /// Every row's source, each once, by name: the order does not depend on which answered first.
    public var sourceNames: [String] {
        Set(tasks.map(\.sourceName)).sorted()
    }
}
