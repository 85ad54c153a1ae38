import ProtectionCore
import TerminalUI

/// The filter line and the demo fault menu.
extension DashboardReducer {
    /// A character no binding of the mode takes: typed into the minutes or the filter (rows filter live).
    static func typeCharacter(_ character: Character, in state: inout DashboardState, model: inout DashboardViewModel) {
        switch state.overlay {
        case .minutesPrompt(var prompt):
            prompt.type(character)
            state.overlay = .minutesPrompt(prompt)
        case .filterInput:
            state.filterText.append(character)
            keepSelectionVisible(in: &state, model: &model)
        case .replayTimePrompt(let text):
            // Digits and colons only, as long as a time of day.
            if (character.isASCII && character.isNumber) || character == ":", text.count < 8 { state.overlay = .replayTimePrompt(text + String(character)) }
        case .commandLine:
            if state.commandText.count < 40 { state.commandText.append(character) }
        default:
            break
        }
    }

    /// Backspace in the minutes prompt or the filter.
    static func deleteBackward(in state: inout DashboardState, model: inout DashboardViewModel) {
        switch state.overlay {
        case .minutesPrompt(var prompt):
            prompt.deleteBackward()
            state.overlay = .minutesPrompt(prompt)
        case .filterInput:
            if !state.filterText.isEmpty { state.filterText.removeLast() }
            keepSelectionVisible(in: &state, model: &model)
        case .replayTimePrompt(let text):
            state.overlay = .replayTimePrompt(String(text.dropLast()))
        case .commandLine:
            if !state.commandText.isEmpty { state.commandText.removeLast() }
        default:
            break
        }
    }

    /// Enter keeps the filter (Esc clears it) and goes back to the table.
    static func closeFilter(keeping: Bool, in state: inout DashboardState, model: inout DashboardViewModel) {
        state.overlay = .none
        if !keeping { state.filterText = "" }
        // An expression with a mistake still filters, as plain text; the status says so.
        let asText = RowFilter(state.filterText)?.problem.map { " (matched as text: \($0))" } ?? ""
        state.status = StatusMessage(state.filterText.isEmpty
            ? "filter cleared"
            : "filter '\(state.filterText)': \(model.visibleIDs(in: state).count) of \(Wording.tasks(state.tasks.count))\(asText)")
        keepSelectionVisible(in: &state, model: &model)
    }

    /// Up/Down in the fault menu.
    static func moveMenu(by delta: Int, in state: inout DashboardState) {
        if case .columnMenu(let highlighted) = state.overlay {
            state.overlay = .columnMenu(highlighted: min(max(0, highlighted + delta), TableColumn.allCases.count - 1))
            return
        }
        guard case .faultMenu(var menu) = state.overlay else { return }
        let count = FaultMenu.options(faultKinds: state.faultKinds).count
        menu.highlighted = min(max(0, menu.highlighted + delta), max(0, count - 1))
        state.overlay = .faultMenu(menu)
    }

    /// Enter (the highlighted line) or a line's number (1-based) in the fault menu.
    static func chooseMenuLine(_ line: Int?, in state: inout DashboardState) -> [DashboardEffect] {
        guard case .faultMenu(let menu) = state.overlay else { return [] }
        let option = line.map { $0 - 1 } ?? menu.highlighted
        guard FaultMenu.options(faultKinds: state.faultKinds).indices.contains(option) else { return [] }
        return chooseFault(option, for: menu.target, in: &state)
    }

    private static func chooseFault(_ option: Int, for target: TargetID, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = .none
        let kind = state.faultKinds.indices.contains(option) ? state.faultKinds[option] : nil
        let name = state.task(target)?.displayName ?? "task \(target)"
        state.status = StatusMessage(kind.map { "injecting '\($0)' into \(name)" } ?? "clearing the fault on \(name)")
        return [.setFault(target: target, kind: kind)]
    }

    /// Hides a shown column or shows a hidden one (1-based line of the column menu).
    static func toggleColumn(_ line: Int, in state: inout DashboardState) -> [DashboardEffect] {
        let columns = TableColumn.allCases
        guard columns.indices.contains(line - 1) else { return [] }
        let column = columns[line - 1]
        if state.hiddenColumns.remove(column) == nil { state.hiddenColumns.insert(column) }
        let hidden = columns.filter { state.hiddenColumns.contains($0) }.map(\.rawValue)
        // Said as done only once the runtime has kept it (``DashboardEvent/settingKept(_:)``).
        state.status = StatusMessage(hidden.isEmpty ? "every column shown" : "hidden: \(hidden.joined(separator: ", "))")
        return [.saveHiddenColumns(hidden)]
    }
}
