import FoundationEssentials
import ProtectionCore

/// What a discovering source's events (the ECS API) do to the rows: tasks appear, stop and leave.
extension DashboardReducer {
    static func apply(_ event: TaskSourceEvent, to state: inout DashboardState, model: inout DashboardViewModel) {
        switch event {
        case .monitor(let monitorEvent):
            apply(monitorEvent, to: &state)
        case .targetsAdded(let targets):
            for target in targets {
                if let index = state.tasks.firstIndex(where: { $0.id == target.id }) {
                    state.tasks[index].gone = false
                } else {
                    state.tasks.append(target.endpoint.map { TaskRow(id: target.id, endpoint: $0) } ?? TaskRow(target: target))
                }
            }
            if state.selection == nil { state.selection = model.visibleIDs(in: state).first }
        case .targetsGone(let ids):
            let gone = Set(ids)
            for index in state.tasks.indices where gone.contains(state.tasks[index].id) {
                state.tasks[index].gone = true
                state.tasks[index].pendingChange = nil
            }
            // A stopped task has nothing left to keep protected.
            for id in gone { state.kept[id] = nil }
        case .targetsRemoved(let ids):
            let removed = Set(ids)
            // The selection moves to the row that took the removed one's place on screen.
            if let selected = state.selection, removed.contains(selected) {
                let visible = model.visibleTasks(in: state)
                let position = visible.firstIndex { $0.id == selected } ?? 0
                let remaining = visible.filter { !removed.contains($0.id) }
                state.selection = remaining.isEmpty ? nil : remaining[min(position, remaining.count - 1)].id
            }
            state.tasks.removeAll { removed.contains($0.id) }
            state.marks.subtract(removed)
            for id in removed { state.kept[id] = nil }
            if state.selection == nil { state.selection = model.visibleIDs(in: state).first }
        case .lifecyclesChanged(let lifecycles):
            for index in state.tasks.indices {
                if let lifecycle = lifecycles[state.tasks[index].id] { state.tasks[index].lifecycle = lifecycle }
            }
        case .servicesRead(let services):
            state.services = services
            state.servicesProblem = nil
            if !services.contains(where: { $0.name == state.serviceSelection }) { state.serviceSelection = services.first?.name }
        case .servicesFailed(let error, let hint):
            state.servicesProblem = "\(error.code): \(error.message)" + (hint.map { " — \($0)" } ?? "")
        case .discoveryFailed(let error, let hint):
            state.discoveryProblem = error.code == ProblemHint.signInRequiredCode
                ? error.message : "\(error.code): \(error.message)" + (hint.map { " — \($0)" } ?? "")
        case .discoveryRecovered:
            state.discoveryProblem = nil
        case .callRateChanged(let perMinute):
            state.callsPerMinute = perMinute
            state.callsSoFar = nil
        case .callsCounted(let calls, let seconds):
            state.callsSoFar = (calls, Int(seconds.rounded(.down)))
        case .budgetCallsChanged(let budgets):
            state.budgetCalls = budgets
        }
    }
}
