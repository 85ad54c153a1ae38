import ProtectionCore
import TerminalUI

/// Words the status line, the dialogs and the detail pane share, so the reducer and the renderer
/// say the same thing without calling into each other.
enum Wording {
    /// "1 task", "3 tasks".
    static func tasks(_ count: Int) -> String { count == 1 ? "1 task" : "\(count) tasks" }

    /// "protect", "protect 45m", "unprotect".
    static func change(_ change: ProtectionChange) -> String {
        guard change.enabled else { return "unprotect" }
        return change.expiresInMinutes.map { "protect \($0)m" } ?? "protect"
    }

    /// "'z'", "F5", "Tab": a key as a status line names it. Only printable ASCII is echoed; any
    /// other character is operator input that could carry a terminal control, so it is not.
    static func keyName(_ key: KeyInput) -> String {
        switch key {
        case .character(let character):
            guard let ascii = character.asciiValue, (0x21..<0x7F).contains(ascii) else { return "that key" }
            return "'\(character)'"
        case .function(let number): return "F\(number)"
        case .up, .down, .left, .right: return "that arrow key"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .delete: return "Delete"
        case .interrupt: return "Ctrl-C"
        }
    }
}
