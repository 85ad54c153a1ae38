/// The sources of the rows: one "ECS API" for a cluster, one per cluster of a fleet, one per agent host.
extension DashboardState {
    /// Every row's source, each once, in the order the rows first name them.
    public var sourceNames: [String] {
        var seen = Set<String>()
        return tasks.compactMap { seen.insert($0.sourceName).inserted ? $0.sourceName : nil }
    }
}
