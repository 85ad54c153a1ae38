import FoundationEssentials

/// What a frame of the task table was drawn from that the clock can change, kept so that the next
/// frame, after a tick that moved only the clock, is known to differ only in the table's lines
/// (``DashboardRenderer/renderTimeStep(_:viewModel:into:memo:)``).
///
/// Kept only for the plain task table: no overlay, detail pane or events pane, no replay and no
/// kept tasks, whose texts read the clock in ways this does not follow. Everything else on such a
/// screen reads the state alone, which such a tick leaves as it was, or the clock through what is
/// kept here: the tally (the title and the sub-counts), the table's order (the row range, the
/// filter's count), the agent clock's offset, and the header's ages and the scenario's "next in".
struct TimeStepBasis: Sendable {
    /// The tally the header was drawn with.
    let counts: TaskCounts
    /// The table's lines and how many tasks were visible.
    let lines: [TableLine]
    let visibleCount: Int
    /// The agent clock's offset as the header said it, nil when it said nothing of it.
    let clockOffsetText: String?
    /// The clock's reading the header was drawn at, and the first instant after it at which one
    /// of its ages or the scenario's "next in" reads otherwise.
    let drawnAt: Date
    let headerHoldsUntil: Date

    /// The basis of the frame just drawn for `state`, nil when that screen is not a plain task table.
    init?(_ state: DashboardState, model: DashboardViewModel) {
        guard Self.isPlainTable(state) else { return nil }
        counts = model.counts(in: state)
        lines = model.tableLines(in: state)
        visibleCount = model.visibleIDs(in: state).count
        clockOffsetText = HeaderView.clockOffsetText(state)
        drawnAt = state.now
        var until = Date.distantFuture
        HeaderView.forEachTimeChange(state, counts: counts) { until = min(until, $0) }
        headerHoldsUntil = until
    }

    /// Whether a frame drawn on this basis shows `state`, a state that differs from the one it was
    /// drawn for only in its clock, everywhere but in the task lines; `lines` are the state's table lines.
    func holds(for state: DashboardState, lines: [TableLine], model: DashboardViewModel) -> Bool {
        Self.isPlainTable(state) && drawnAt <= state.now && state.now < headerHoldsUntil
            && model.counts(in: state) == counts && lines == self.lines
            && model.visibleIDs(in: state).count == visibleCount && HeaderView.clockOffsetText(state) == clockOffsetText
    }

    /// The task table alone, fitting the screen, live, with no kept task.
    private static func isPlainTable(_ state: DashboardState) -> Bool {
        state.view == .tasks && state.overlay == .none && !state.detailOpen && !state.eventsOpen && !state.isReplay
            && state.kept.isEmpty && ScreenLayout(state).fits
    }
}
