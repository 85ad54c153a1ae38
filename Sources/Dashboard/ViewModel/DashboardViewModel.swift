import FoundationEssentials
import ProtectionCore

/// What the screen and the keys read from the state that takes a pass over every task: the
/// visible order, the table's lines, the header's tally, the lapse watches' summary and the
/// widest label.
///
/// Derived, never part of ``DashboardState``: a session keeps one beside its state,
/// ``DashboardReducer/reduce(_:_:viewModel:)`` refreshes the order after each event, and the
/// session settles the tally and the lapse watches' summary once per wake-up (``settle(for:)``).
/// Each part is worked out again only when what it depends on changed, so a frame, a key or a
/// tick does not filter and sort thousands of tasks again. Every read names the state it is for and is right for it: a
/// part that is not current for that state is computed afresh for the read.
public struct DashboardViewModel: Sendable {
    /// The order, and which rows it was computed for (``DashboardState/labelsKey``): an answer
    /// changes no order that reads only which rows there are.
    private var order: (key: VisibleOrderKey, membership: Int, ids: [TargetID], lines: [TableLine])?
    private var tally: TaskTally?
    /// The widest label, which rows it was measured on, and the change count last checked.
    private var labels: (key: Int, rowsChanges: Int, width: Int)?
    /// Every lapse watch read in one pass, brought up to date by ``settle(for:)``.
    private var lapses: LapseWatchSummary?

    /// A view model with every part computed for `state`.
    public init(_ state: DashboardState) {
        refresh(for: state)
        settle(for: state)
    }

    /// Brings up to date the parts read at most once per wake-up, over every task: a session calls
    /// it once the events of a wake-up are applied, before the frame and the wait, rather than
    /// after each event (an answer that moves an expiry would otherwise cost a pass over thousands
    /// of watches, a thousand times in a burst). A part not settled for a state is still right for
    /// it: the reads that use it work the answer out afresh.
    public mutating func settle(for state: DashboardState) {
        // Every answer changes its row (when it was answered): counted per event, a round of
        // answers taken in by one wake-up would count every task once per answer.
        if tally?.isCurrent(for: state) != true { tally = state.tally() }
        if let lapses, lapses.holds(for: state), state.now < lapses.lapsingSoonUntil { return }
        lapses = LapseWatchSummary(state)
    }

    /// Whether no lapse watch has work at `state`'s time (false when the summary cannot say).
    func noLapseWatchDue(in state: DashboardState) -> Bool {
        lapses?.noneDue(in: state) ?? false
    }

    /// ``DashboardState/nextBackgroundDeadline()``, with the lapse watches read from the summary
    /// when it holds for `state`.
    public func nextBackgroundDeadline(in state: DashboardState) -> Date? {
        guard let lapses, lapses.holds(for: state) else { return state.nextBackgroundDeadline() }
        return state.nextBackgroundDeadline(earliestAlert: lapses.earliestAlert)
    }

    /// Brings the order and the widest label up to date with `state`, recomputing only the parts
    /// whose inputs changed (the tally and the lapse watches wait for ``settle(for:)``).
    public mutating func refresh(for state: DashboardState) {
        let changes = state.rowsChanges.count
        // Which rows there are, hashed at most once per refresh and only once the rows changed.
        var hashed: Int?
        func membership() -> Int {
            if let hashed { return hashed }
            let key = state.labelsKey
            hashed = key
            return key
        }
        if labels?.rowsChanges != changes {
            let key = membership()
            labels = labels?.key == key ? (key, changes, labels?.width ?? 0) : (key, changes, state.measureLongestLabel())
        }
        let key = state.visibleOrderKey
        if let remembered = order {
            if remembered.key == key { return }
            // Same rows, same settings, an order that reads only which rows there are: it stands.
            if !key.readsRowContent, remembered.key.sameSettings(as: key), remembered.membership == membership() {
                order?.key = key
                return
            }
        }
        let ids = state.computeVisibleIDs()
        order = (key, membership(), ids, state.tableLines(for: ids))
    }

    /// The ids of the rows that pass the filter, in the current sort order.
    public func visibleIDs(in state: DashboardState) -> [TargetID] {
        current(for: state).ids
    }

    /// The rows that pass the filter, in the current sort order.
    public func visibleTasks(in state: DashboardState) -> [TaskRow] {
        visibleIDs(in: state).compactMap { state.task($0) }
    }

    /// The table's lines: the visible rows, with a header before each service's group when grouped.
    public func tableLines(in state: DashboardState) -> [TableLine] {
        current(for: state).lines
    }

    /// The header's tally: the buckets every task is in exactly one of, and the sub-counts.
    public func counts(in state: DashboardState) -> TaskCounts {
        var counts = tally.flatMap { $0.isCurrent(for: state) ? $0.counts : nil } ?? state.tally().counts
        counts.lapsingSoon = lapses?.lapsingSoon(in: state) ?? state.lapsingSoonCount
        return counts
    }

    /// The widest label in terminal cells, measured again only when rows came or went.
    public func longestLabelWidth(in state: DashboardState) -> Int {
        if let labels, labels.rowsChanges == state.rowsChanges.count || labels.key == state.labelsKey { return labels.width }
        return state.measureLongestLabel()
    }

    /// The selected row's position among the visible rows.
    public func selectedVisibleIndex(in state: DashboardState) -> Int? {
        guard let selection = state.selection else { return nil }
        return visibleIDs(in: state).firstIndex(of: selection)
    }

    /// The tasks an action applies to: the visible marked tasks, else the selected visible task.
    public func actionTargets(in state: DashboardState) -> [TargetID] {
        let visible = visibleIDs(in: state)
        let marked = visible.filter { state.marks.contains($0) }
        if !marked.isEmpty { return marked }
        guard let selection = state.selection, visible.contains(selection) else { return [] }
        return [selection]
    }

    /// Whether the remembered order is the one for `state`, so reads of it recompute nothing.
    func remembersOrder(for state: DashboardState) -> Bool {
        order?.key == state.visibleOrderKey
    }

    private func current(for state: DashboardState) -> (ids: [TargetID], lines: [TableLine]) {
        let key = state.visibleOrderKey
        if let order, order.key == key
            || (!key.readsRowContent && order.key.sameSettings(as: key) && order.membership == state.labelsKey) {
            return (order.ids, order.lines)
        }
        let ids = state.computeVisibleIDs()
        return (ids, state.tableLines(for: ids))
    }
}
