import FoundationEssentials
import ProtectionCore

/// Everything the visible order (and the table's lines built from it) is computed from: when two
/// keys are equal, so are the orders.
struct VisibleOrderKey: Sendable, Equatable {
    var rowsChanges: Int
    /// Whether the order reads what rows say (answers, states, services), not only which rows
    /// there are: the label order of every row does not move when a row's answer changes.
    var readsRowContent: Bool
    var filterText: String
    var sortMode: SortMode
    var sortDescending: Bool
    var quickFilter: QuickFilter?
    /// The kept tasks, only when the quick view shows them (keeping does not change the rows).
    var kept: Set<TargetID>
    var serviceFilter: String?
    var groupByService: Bool
    /// Local and agent clock, only when the order depends on them.
    var clocks: [Date]

    /// Whether the two keys ask for the same order of the same rows, whatever changed in them since.
    func sameSettings(as other: VisibleOrderKey) -> Bool {
        var settings = self
        settings.rowsChanges = other.rowsChanges
        return settings == other
    }
}
