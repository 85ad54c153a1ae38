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
    // A state on the selected line: the state's own look on the selection's background, so the
    // selection bar stays unbroken. A theme may set them; by default they are composed.
    case selectedProtected = "selected-protected"
    case selectedExpiringSoon = "selected-expiring-soon"
    case selectedLapsed = "selected-lapsed"
    case selectedUnprotected = "selected-unprotected"
    case selectedPending = "selected-pending"
    case selectedFailure = "selected-failure"
    case selectedError = "selected-error"
    case selectedStale = "selected-stale"
}
