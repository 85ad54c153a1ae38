/// One-key views of the rows that need attention, beside the typed `/` filter (both apply).
public enum QuickFilter: String, Sendable, CaseIterable, Equatable {
    /// Rows with a read problem of their own or whose source is failing (STALE).
    case failing
    /// Rows whose protection ran out while watched.
    case lapsed
    /// Rows the last answer says are not protected.
    case unprotected
    /// Rows kept protected by `K`.
    case kept
    /// Rows whose last action failed (`F`).
    case failedAction = "failed action"

    /// The next view in `v`'s cycle; nil after the last (all rows again).
    public var next: QuickFilter? {
        let all = QuickFilter.allCases
        guard let index = all.firstIndex(of: self), index + 1 < all.count else { return nil }
        return all[index + 1]
    }
}
