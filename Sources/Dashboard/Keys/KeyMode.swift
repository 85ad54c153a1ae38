/// Which table of keys is in force: the main view, or one of the overlays drawn over it. Every
/// mode's keys live in ``KeyBindings`` with their descriptions, so dispatch, the hints an overlay
/// shows and the help text come from one place.
public enum KeyMode: String, Sendable, CaseIterable {
    case main
    case help
    case minutesPrompt
    case unprotectConfirmation
    case filter
    case faultMenu
    case columnMenu
    case replayTime
    case command
    case services
    case serviceEvents

    /// What the mode is called in the help text and the key reference.
    public var title: String {
        switch self {
        case .main: "Task table"
        case .help: "Help"
        case .minutesPrompt: "Protect for N minutes"
        case .unprotectConfirmation: "Unprotect several tasks"
        case .filter: "Filter"
        case .faultMenu: "Fault menu (demo)"
        case .columnMenu: "Columns (c)"
        case .replayTime: "Jump to a time (replay)"
        case .command: "Command line (:)"
        case .services: "Services view (:svc)"
        case .serviceEvents: "Service events view (:events)"
        }
    }

    /// Whether characters no binding takes are typed into the mode's text (the minutes, the filter).
    public var takesText: Bool { self == .minutesPrompt || self == .filter || self == .replayTime || self == .command }
}

extension Overlay {
    /// The key table in force while this overlay is shown.
    public var keyMode: KeyMode {
        switch self {
        case .none: .main
        case .help: .help
        case .minutesPrompt: .minutesPrompt
        case .unprotectConfirmation: .unprotectConfirmation
        case .filterInput: .filter
        case .faultMenu: .faultMenu
        case .columnMenu: .columnMenu
        case .replayTimePrompt: .replayTime
        case .commandLine: .command
        }
    }
}

extension DashboardState {
    /// The key table in force: the overlay's, else the view's.
    public var keyMode: KeyMode {
        guard overlay == .none else { return overlay.keyMode }
        switch view {
        case .tasks: return .main
        case .services: return .services
        case .serviceEvents: return .serviceEvents
        }
    }
}
