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
    case replayTime

    /// What the mode is called in the help text and the key reference.
    public var title: String {
        switch self {
        case .main: "Task table"
        case .help: "Help"
        case .minutesPrompt: "Protect for N minutes"
        case .unprotectConfirmation: "Unprotect several tasks"
        case .filter: "Filter"
        case .faultMenu: "Fault menu (demo)"
        case .replayTime: "Jump to a time (replay)"
        }
    }

    /// Whether characters no binding takes are typed into the mode's text (the minutes, the filter).
    public var takesText: Bool { self == .minutesPrompt || self == .filter || self == .replayTime }
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
        case .replayTimePrompt: .replayTime
        }
    }
}
