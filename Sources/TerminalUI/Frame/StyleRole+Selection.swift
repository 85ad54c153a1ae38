/// The selected line is one unbroken bar: plain cells take the selection's style, and cells that
/// carry a meaning (a state, an error) take a selected variant that keeps their colour.
extension StyleRole {
    private static let variants: [StyleRole: StyleRole] = [
        .protected: .selectedProtected, .expiringSoon: .selectedExpiringSoon, .lapsed: .selectedLapsed,
        .unprotected: .selectedUnprotected, .pending: .selectedPending, .failure: .selectedFailure,
        .error: .selectedError, .stale: .selectedStale,
    ]
    private static let bases = Dictionary(uniqueKeysWithValues: variants.map { ($0.value, $0.key) })

    /// How a cell of this role looks on the selected line.
    public var onSelection: StyleRole {
        switch self {
        case .text, .muted, .marked: .selection
        default: Self.variants[self] ?? self
        }
    }

    /// For a selected variant, the role whose foreground and attributes it keeps.
    public var selectedBase: StyleRole? { Self.bases[self] }

    /// The roles a theme file is expected to set: every role but the selected variants, which
    /// are composed from their base and `selection` unless a theme sets them.
    public static var themed: [StyleRole] { allCases.filter { $0.selectedBase == nil } }
}
