import FoundationEssentials

/// The header's tally as counted at one state, and how long it holds without a new count.
struct TaskTally: Sendable {
    /// The counts, without ``TaskCounts/lapsingSoon`` (read from the lapse watches at each frame).
    var counts: TaskCounts
    /// The state's ``ChangeStamp`` count when the rows were counted.
    var rowsChanges: Int
    /// The local instant the rows were counted at.
    var countedAt: Date
    /// The first local instant a count changes by itself: a protection running out or an answer
    /// going stale.
    var validUntil: Date

    /// Whether the counts are still those of `state`. A clock that went back (a replay's jump to
    /// its start) needs a new count as much as one that passed ``validUntil``.
    func isCurrent(for state: DashboardState) -> Bool {
        rowsChanges == state.rowsChanges.count && countedAt <= state.now && state.now < validUntil
    }
}
