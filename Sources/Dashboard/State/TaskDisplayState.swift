import TerminalUI

/// The state a task row shows, always as text and never only as a colour.
public enum TaskDisplayState: String, Sendable, CaseIterable, Equatable {
    /// A PUT is in flight.
    case pending = "PENDING"
    /// Protected, and the protection ran out by the agent's clock but has not been re-read yet.
    case lapsed = "LAPSED"
    /// Protected with less than the expiring-soon threshold left.
    case expiringSoon = "EXPIRING"
    /// Protected.
    case protected = "PROTECTED"
    /// Not protected.
    case unprotected = "UNPROTECTED"
    /// No answer yet.
    case unknown = "UNKNOWN"
    /// The task stopped: no longer polled, about to leave the table.
    case gone = "GONE"

    /// The role the state is drawn with.
    public var role: StyleRole {
        switch self {
        case .pending: .pending
        case .lapsed: .lapsed
        case .expiringSoon: .expiringSoon
        case .protected: .protected
        case .unprotected: .unprotected
        case .unknown, .gone: .muted
        }
    }

    /// Whether the task counts as protected in the header.
    public var countsAsProtected: Bool { self == .protected || self == .expiringSoon }

    /// Order for the "state" sort: what needs attention first.
    var sortRank: Int { TaskDisplayState.allCases.firstIndex(of: self) ?? 0 }
}
