import ProtectionCore

/// What is drawn over the task table and receives the keys, if anything.
public enum Overlay: Sendable, Equatable {
    /// Nothing: keys go to the table.
    case none
    /// The list of all keys.
    case help
    /// Protect for a typed number of minutes.
    case minutesPrompt(MinutesPrompt)
    /// Confirm removing protection from several tasks at once.
    case unprotectConfirmation(targets: [TargetID])
    /// Typing the filter; the text lives in ``DashboardState/filterText`` so rows filter live.
    case filterInput
    /// Typing a `:` command (`svc`, `task`, `events`, `q`); the text lives in
    /// ``DashboardState/commandText``.
    case commandLine
    /// Hide or show the task table's columns; the highlighted line.
    case columnMenu(highlighted: Int)
    /// Demo only: choose a fault for one task.
    case faultMenu(FaultMenu)
    /// Replay only: the time to jump to, as typed so far (`HH:MM:SS`).
    case replayTimePrompt(String)
}
