import ProtectionCore
import TerminalUI

/// What the runtime must do after a state change. The reducer never performs I/O itself.
public enum DashboardEffect: Sendable, Equatable {
    /// Poll these tasks now (nil: all of them).
    case refresh([TargetID]?)
    /// Send this change to each of these tasks, one PUT per task.
    case put(ProtectionChange, [TargetID])
    /// Keep-protected renewals: PUTs like ``put(_:_:)``, recorded as renewals rather than key presses.
    case renew(ProtectionChange, [TargetID])
    /// Demo: inject `kind` into `target` (nil clears the fault).
    case setFault(target: TargetID, kind: String?)
    /// Demo: take the whole simulated agent down, or bring it back.
    case setAgentDown(Bool)
    /// Draw with the theme at this index of ``DashboardState/themeNames``.
    case applyTheme(Int)
    /// A protected task entered its last minutes or lapsed: ring the bell (unless turned off) and log it.
    case alert(TargetID, LapseAlert)
    /// Replay: move the time cursor.
    case replay(ReplayControl)
    /// Keep the column menu's choice: these columns (by name, in table order) hidden at start.
    case saveHiddenColumns([String])
    /// Leave the dashboard.
    case quit
}
