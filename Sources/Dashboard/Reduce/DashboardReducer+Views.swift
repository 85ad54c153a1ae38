import Foundation
import ProtectionCore

/// The `:` command line and the views it switches between: tasks, services, service events.
extension DashboardReducer {
    /// Enter on the command line: `svc`, `task`, `events` (a leading `:` is allowed) or `q`.
    static func runCommand(in state: inout DashboardState) -> [DashboardEffect] {
        let command = state.commandText.trimmingCharacters(in: .whitespaces).drop { $0 == ":" }
        state.commandText = ""
        state.overlay = .none
        switch command {
        case "q", "quit": return [.quit]
        case "svc", "services", "service": show(.services, in: &state)
        case "task", "tasks": show(.tasks, in: &state)
        case "events", "event", "ev": show(.serviceEvents, in: &state)
        case "": break
        default:
            state.status = StatusMessage("unknown command ':\(command)' (try :svc, :task, :events, :q)", isError: true)
        }
        return []
    }

    /// Switches to `view`; the task view shows every task again.
    static func show(_ view: DashboardView, in state: inout DashboardState) {
        state.view = view
        state.detailOpen = false
        if view == .tasks, state.serviceFilter != nil {
            state.serviceFilter = nil
            state.refreshVisibleOrder()
            keepSelectionVisible(in: &state)
        }
        if view == .services, state.serviceSelection == nil { state.serviceSelection = state.serviceList.first?.name }
    }

    /// Esc in the task view: closes the detail pane, else goes back to the services view a
    /// service's tasks were opened from.
    static func closeDetail(in state: inout DashboardState) {
        if state.detailOpen {
            state.detailOpen = false
        } else if state.serviceFilter != nil {
            show(.services, in: &state)
            state.serviceFilter = nil
        }
    }

    /// Enter on a service: the task view, showing only its tasks.
    static func openServiceTasks(in state: inout DashboardState) {
        guard let service = state.selectedService else { return }
        state.view = .tasks
        state.serviceFilter = service.name
        state.refreshVisibleOrder()
        keepSelectionVisible(in: &state)
        state.status = StatusMessage("tasks of \(service.name) (Esc: back to the services)")
    }

    static func moveServiceSelection(by delta: Int, in state: inout DashboardState) {
        let names = state.serviceList.map(\.name)
        guard !names.isEmpty else { return }
        let current = state.serviceSelection.flatMap { names.firstIndex(of: $0) } ?? 0
        state.serviceSelection = names[min(max(0, current + delta), names.count - 1)]
    }
}
