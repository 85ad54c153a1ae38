import FoundationEssentials

/// One line of a task's recent history for the detail pane: a poll that changed something,
/// a PUT that was sent, or a PUT's outcome.
public struct TaskActivity: Sendable, Equatable {
    /// What kind of line this is, so the renderer can give it a role.
    public enum Kind: Sendable, Equatable {
        case poll
        case putSent
        case putSucceeded
        case failure
        case error
    }

    /// When it happened, by the local clock.
    public var at: Date
    /// What kind of line this is.
    public var kind: Kind
    /// The line itself, without the time.
    public var text: String

    public init(at: Date, kind: Kind, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }
}
