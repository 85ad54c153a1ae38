import ProtectionCore
import TerminalUI

/// The filter line and the demo fault menu.
extension DashboardReducer {
    /// Typing filters live; Enter keeps the filter, Esc clears it.
    static func handleFilterKey(_ key: KeyInput, in state: inout DashboardState) -> [DashboardEffect] {
        switch key {
        case .character(let character):
            state.filterText.append(character)
        case .backspace, .delete:
            if !state.filterText.isEmpty { state.filterText.removeLast() }
        case .enter:
            state.overlay = .none
            state.status = StatusMessage(state.filterText.isEmpty
                ? "filter cleared"
                : "filter '\(state.filterText)': \(state.visibleIDs.count) of \(Wording.tasks(state.tasks.count))")
        case .escape:
            state.overlay = .none
            state.filterText = ""
            state.status = StatusMessage("filter cleared")
        default:
            break
        }
        keepSelectionVisible(in: &state)
        return []
    }

    /// Arrows and Enter, or the line's number, choose; Esc closes without a change.
    static func handleFaultMenuKey(_ key: KeyInput, menu: FaultMenu, in state: inout DashboardState) -> [DashboardEffect] {
        var menu = menu
        let options = FaultMenu.options(faultKinds: state.faultKinds)
        switch key {
        case .up, .character("k"):
            menu.highlighted = max(0, menu.highlighted - 1)
        case .down, .character("j"):
            menu.highlighted = min(options.count - 1, menu.highlighted + 1)
        case .enter:
            return chooseFault(menu.highlighted, for: menu.target, in: &state)
        case .character(let character):
            if let number = character.wholeNumberValue, character.isASCII, (1...options.count).contains(number) {
                return chooseFault(number - 1, for: menu.target, in: &state)
            }
        case .escape:
            state.overlay = .none
            return []
        default:
            break
        }
        state.overlay = .faultMenu(menu)
        return []
    }

    private static func chooseFault(_ option: Int, for target: TargetID, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = .none
        let kind = state.faultKinds.indices.contains(option) ? state.faultKinds[option] : nil
        let name = state.task(target)?.displayName ?? "task \(target)"
        state.status = StatusMessage(kind.map { "injecting '\($0)' into \(name)" } ?? "clearing the fault on \(name)")
        return [.setFault(target: target, kind: kind)]
    }
}
