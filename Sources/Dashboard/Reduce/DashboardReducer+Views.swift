import FoundationEssentials
import ProtectionCore
import SafeText

/// The `:` command line and the views it switches between: tasks, services, service events.
extension DashboardReducer {
    /// Enter on the command line: `svc`, `task`, `events`, `ctx [NAME|all]` (a leading `:` is allowed) or `q`.
    static func runCommand(in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        let command = state.commandText.trimmingHorizontalWhitespace().drop { $0 == ":" }
        state.commandText = ""
        state.overlay = .none
        state.commandHistoryPosition = nil
        if !command.isEmpty, state.commandHistory.last != String(command) {
            state.commandHistory.append(String(command))
            if state.commandHistory.count > DashboardState.commandHistoryLimit { state.commandHistory.removeFirst() }
        }
        let words = command.split(separator: " ", maxSplits: 1).map { $0.trimmingHorizontalWhitespace() }
        if words.first == "ctx" || words.first == "context" {
            runContext(words.count > 1 ? words[1] : "", in: &state, model: &model)
            return []
        }
        switch command {
        case "q", "quit": return [.quit]
        case "svc", "services", "service": show(.services, in: &state, model: &model)
        case "task", "tasks": show(.tasks, in: &state, model: &model)
        case "events", "event", "ev": show(.serviceEvents, in: &state, model: &model)
        case "": break
        default:
            state.status = StatusMessage("unknown command ':\(command)' (try :svc, :task, :events, :ctx, :q)", isError: true)
        }
        return []
    }

    /// Switches to `view`; the task view shows every task again.
    static func show(_ view: DashboardView, in state: inout DashboardState, model: inout DashboardViewModel) {
        state.view = view
        state.detailOpen = false
        if view == .tasks, state.serviceFilter != nil {
            state.serviceFilter = nil
            keepSelectionVisible(in: &state, model: &model)
        }
        if view == .services, state.serviceSelection == nil { state.serviceSelection = state.serviceList.first?.name }
    }

    /// Esc in the task view: closes the detail pane, else goes back to the services view a
    /// service's tasks were opened from.
    static func closeDetail(in state: inout DashboardState, model: inout DashboardViewModel) {
        if state.detailOpen {
            state.detailOpen = false
        } else if state.serviceFilter != nil {
            show(.services, in: &state, model: &model)
            state.serviceFilter = nil
        }
    }

    /// Enter on a service: the task view, showing only its tasks.
    static func openServiceTasks(in state: inout DashboardState, model: inout DashboardViewModel) {
        guard let service = state.selectedService else { return }
        state.view = .tasks
        state.serviceFilter = service.name
        keepSelectionVisible(in: &state, model: &model)
        state.status = StatusMessage("tasks of \(service.name) (Esc: back to the services)")
    }

    static func moveServiceSelection(by delta: Int, in state: inout DashboardState) {
        let names = state.serviceList.map(\.name)
        guard !names.isEmpty else { return }
        let current = state.serviceSelection.flatMap { names.firstIndex(of: $0) } ?? 0
        state.serviceSelection = names[min(max(0, current + delta), names.count - 1)]
    }

    /// The commands Tab completes, in the order a list of candidates names them.
    static let commandNames = ["svc", "task", "events", "ctx", "q"]

    /// Tab: the one command the typed text begins, completed; several: the status lists them.
    static func completeCommand(in state: inout DashboardState) {
        let typed = state.commandText.trimmingHorizontalWhitespace().drop { $0 == ":" }
        let candidates = commandNames.filter { $0.hasPrefix(typed) }
        switch candidates.count {
        case 0: state.status = StatusMessage("no command begins '\(typed)' (:svc, :task, :events, :ctx, :q)", isError: true)
        case 1: state.commandText = candidates[0]
        default: state.status = StatusMessage("commands: " + candidates.map { ":" + $0 }.joined(separator: " "))
        }
    }

    /// Up (-1) and Down (+1) through the commands run before; past the newest, an empty line.
    static func stepCommandHistory(by delta: Int, in state: inout DashboardState) {
        let history = state.commandHistory
        guard !history.isEmpty else { return }
        let position = min(max(0, (state.commandHistoryPosition ?? history.count) + delta), history.count)
        state.commandHistoryPosition = position
        state.commandText = position < history.count ? history[position] : ""
    }
}
