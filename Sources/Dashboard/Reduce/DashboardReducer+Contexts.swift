import FoundationEssentials

/// `:ctx`: the sources a dashboard watches (one per cluster of a fleet), their state, and the view
/// narrowed to one of them or widened to all.
extension DashboardReducer {
    /// `:ctx` lists the sources in the status line; `:ctx NAME` shows only that source's tasks
    /// (as the filter `^NAME$`, which the header then shows); `:ctx all` shows every source again.
    static func runContext(_ argument: String, in state: inout DashboardState, model: inout DashboardViewModel) {
        let sources = state.sourceNames
        guard !argument.isEmpty else {
            state.status = StatusMessage(contextListing(state, sources: sources))
            return
        }
        if argument == "all" || argument == "*" {
            if state.filterText.hasPrefix("^"), sources.contains(where: { state.filterText == contextFilter($0) }) {
                state.filterText = ""
            }
            state.status = StatusMessage("showing every source (\(sources.count))")
            keepSelectionVisible(in: &state, model: &model)
            return
        }
        // An exact name, else the one name that begins with what was typed.
        let matches = sources.contains(argument) ? [argument] : sources.filter { $0.hasPrefix(argument) }
        guard matches.count == 1, let source = matches.first else {
            let shown = String(argument.prefix(64))
            state.status = StatusMessage(matches.isEmpty
                ? "no source '\(shown)' (sources: \(sources.joined(separator: ", ")))"
                : "'\(shown)' names several: \(matches.joined(separator: ", "))", isError: true)
            return
        }
        state.filterText = contextFilter(source)
        state.view = .tasks
        keepSelectionVisible(in: &state, model: &model)
        state.status = StatusMessage("showing \(source): \(model.visibleIDs(in: state).count) of \(Wording.tasks(state.tasks.count)) (:ctx all: every source)")
    }

    /// The filter that keeps one source's rows: its name, whole, as the filter reads it.
    static func contextFilter(_ source: String) -> String {
        let special = Set("\\.^$|?*+()[]{}")
        return "^" + source.map { special.contains($0) ? "\\\($0)" : String($0) }.joined() + "$"
    }

    /// "2 sources: us-west-2/demo 3 tasks up, us-east-1/demo 2 tasks DOWN (ServiceUnavailableException)".
    static func contextListing(_ state: DashboardState, sources: [String]) -> String {
        let items = sources.map { source -> String in
            let tasks = state.tasks.filter { $0.sourceName == source }.count
            let health = state.failingSources[source].map { "DOWN (\($0.code))" } ?? "up"
            return "\(source) \(Wording.tasks(tasks)) \(health)"
        }
        let budgets = state.budgetCalls.count > 1 ? "; calls by budget: " + CallsText.of(state) : ""
        return "\(sources.count) source\(sources.count == 1 ? "" : "s"): " + items.joined(separator: ", ") + budgets
            + (sources.count > 1 ? " — :ctx NAME shows one, :ctx all every one" : "")
    }
}
