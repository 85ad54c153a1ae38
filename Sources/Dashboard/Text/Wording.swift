import ProtectionCore

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
}
