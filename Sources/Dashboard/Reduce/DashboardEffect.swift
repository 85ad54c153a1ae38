import ProtectionCore
import TerminalUI

/// What the runtime must do after a state change. The reducer never performs I/O itself.
public enum DashboardEffect: Sendable, Equatable {
    /// Poll these tasks now (nil: all of them).
    case refresh([TargetID]?)
    /// Send this change to each of these tasks, one PUT per task.
    case put(ProtectionChange, [TargetID])
    /// Demo: inject `kind` into `target` (nil clears the fault).
    case setFault(target: TargetID, kind: String?)
    /// Demo: take the whole simulated agent down, or bring it back.
    case setAgentDown(Bool)
    /// Draw with the theme at this index of ``DashboardState/themeNames``.
    case applyTheme(Int)
    /// Leave the dashboard.
    case quit
}
