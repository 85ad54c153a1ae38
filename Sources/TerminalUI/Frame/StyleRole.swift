/// What a cell means on screen, not where it is. Themes map each role to colours and attributes,
/// and the text-only golden frames print roles, so the meaning is testable without a terminal.
public enum StyleRole: String, Sendable, CaseIterable, Hashable, Codable {
    case text
    case muted
    case header
    case footer
    case border
    case selection
    case marked
    case helpKey = "help-key"
    case protected
    case expiringSoon = "expiring-soon"
    case lapsed
    case unprotected
    case pending
    case failure
    case error
    case stale
    case dialog
    case dangerousDialog = "dangerous-dialog"
    case readOnlyBadge = "read-only-badge"
    case demoBadge = "demo-badge"
}
