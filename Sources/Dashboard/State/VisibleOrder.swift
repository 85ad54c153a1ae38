import Foundation
import ProtectionCore

/// The visible rows' order, remembered between frames so that a frame, a key or a tick does not
/// filter and sort every task again. It is recomputed only when what it depends on changed: the
/// rows (an answer arrived), the filter, the sort, and the clocks for orders that read them.
///
/// The header's tally is remembered the same way. Derived data: two states that differ only here
/// are equal.
struct VisibleOrder: Sendable, Equatable {
    /// What an order was computed from.
    struct Key: Sendable, Equatable {
        var generation: Int
        var filterText: String
        var sortMode: SortMode
        var sortDescending: Bool
        var quickFilter: QuickFilter?
        /// The kept tasks, only when the quick view shows them (keeping does not change the rows).
        var kept: Set<TargetID>
        var serviceFilter: String?
        var groupByService: Bool
        /// Local and agent clock, only when the order depends on them (state sort, a filter).
        var clocks: [Date]
    }

    /// Bumped on every change to the rows.
    var generation = 0
    /// What ``ids`` were computed from; nil before the first computation.
    var key: Key?
    /// Visible target ids, in display order.
    var ids: [TargetID] = []
    /// The header's tally, the ``generation`` it was counted at, and the agent-clock instant the
    /// first counted protection lapses (the only way the tally changes by itself).
    var counts: (value: TaskCounts, generation: Int, validUntil: Date)?
    /// The widest label, which rows it was measured on, and the ``generation`` that was last checked.
    var labels: (key: Int, generation: Int, width: Int)?

    static func == (lhs: VisibleOrder, rhs: VisibleOrder) -> Bool { true }
}
