import FoundationEssentials
import ProtectionCore

extension DashboardViewModel {
    /// The rows drawn right now: the table's window onto the visible order, and the selected row
    /// (the detail pane shows it even when the table is scrolled).
    public func onScreenIDs(in state: DashboardState) -> [TargetID] {
        let layout = ScreenLayout(state)
        guard layout.fits else { return [] }
        let lines = tableLines(in: state)
        let offset = layout.scrollOffset(selected: state.selectedLine(in: lines), rowCount: lines.count)
        var ids: [TargetID] = []
        ids.reserveCapacity(layout.tableHeight + 1)
        for line in lines[offset..<min(lines.count, offset + layout.tableHeight)] {
            if let id = line.taskID { ids.append(id) }
        }
        if state.detailOpen, let selection = state.selection, !ids.contains(selection) { ids.append(selection) }
        return ids
    }

    /// When the screen next shows something else by itself, with no answer and no key: nil when
    /// nothing on screen changes with time, so a UI can sleep until the next event.
    ///
    /// Countdowns are exact: the instant is the first on-screen countdown's next value
    /// (``DashboardState/nextCountdownChange(of:)``), moved later to take in every other countdown due within
    /// `sharing` of it, so close rows share one wake-up and none is shown early. Ages ("3s") and
    /// stale marks may lag by up to `ageLag`, so they mostly ride along with a countdown's wake-up.
    public func nextScreenChange(in state: DashboardState, sharing: TimeInterval = 0.04, ageLag: TimeInterval = 0.25) -> Date? {
        nextScreenChanges(in: state, sharing: sharing, ageLag: ageLag)?.shared
    }

    /// ``nextScreenChange(in:sharing:ageLag:)`` and, from the same pass over the rows on screen,
    /// the first change due (what it returns with no sharing): where a shared wake-up's window starts.
    public func nextScreenChanges(in state: DashboardState, sharing: TimeInterval, ageLag: TimeInterval = 0.25) -> (first: Date, shared: Date)? {
        let onScreen = onScreenIDs(in: state)
        var countdowns: [Date] = []
        countdowns.reserveCapacity(onScreen.count)
        var latestForAges = Date.distantFuture
        let staleAfter = DashboardState.staleIntervals * state.effectiveInterval
        let now = state.now
        // Every age on screen steps on its own second.
        func age(since start: Date?) {
            guard let start else { return }
            latestForAges = min(latestForAges, Self.nextAgeChange(since: start, after: now) + ageLag)
        }
        for id in onScreen {
            guard let row = state.task(id) else { continue }
            if let change = state.nextCountdownChange(of: row) { countdowns.append(change) }
            row.forEachLineAgeStart { age(since: $0) }
            if let answered = row.lastAnswerAt {
                let stale = answered.addingTimeInterval(staleAfter)
                if stale >= now { latestForAges = min(latestForAges, stale + ageLag) }
            }
            // The detail pane's too: the source fault's ("failing for 12s"); its action and
            // answer ages are the line's.
            age(since: row.sourceFault?.at)
        }
        // The header's ages and the scenario's "next in".
        if ScreenLayout(state).fits {
            HeaderView.forEachTimeChange(state, counts: counts(in: state)) { latestForAges = min(latestForAges, $0 + ageLag) }
        }
        guard let first = countdowns.min() else {
            return latestForAges == .distantFuture ? nil : (latestForAges, latestForAges)
        }
        let shared = countdowns.filter { $0 <= first.addingTimeInterval(sharing) }.max() ?? first
        return (min(first, latestForAges), min(shared, latestForAges))
    }

    /// When an age counted from `start` (`TimeText.age`: seconds below 100, then minutes, hours,
    /// days) next reads differently after `now`.
    public static func nextAgeChange(since start: Date, after now: Date) -> Date {
        let elapsed = max(0, now.timeIntervalSince(start))
        let total = elapsed.rounded(.down)
        let next: Double
        if total < 100 {
            next = total + 1
        } else if total < 100 * 60 {
            next = ((total / 60).rounded(.down) + 1) * 60
        } else if total < 48 * 3600 {
            next = ((total / 3600).rounded(.down) + 1) * 3600
        } else {
            next = ((total / 86_400).rounded(.down) + 1) * 86_400
        }
        return start.addingTimeInterval(next)
    }
}
