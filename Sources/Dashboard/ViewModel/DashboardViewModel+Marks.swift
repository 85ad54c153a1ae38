import ProtectionCore

/// What the action keys will act on, said before they are pressed: marks can be scrolled out of
/// sight, and with marks present the row under the cursor is not a target.
extension DashboardViewModel {
    /// Whether the action keys act on marks (some visible task is marked) rather than the cursor.
    public func actsOnMarks(in state: DashboardState) -> Bool {
        visibleIDs(in: state).contains { state.marks.contains($0) }
    }

    /// How many of `targets` are outside the table's rows on screen (scrolled away or filtered out).
    public func offScreenCount(_ targets: [TargetID], in state: DashboardState) -> Int {
        let onScreen = Set(onScreenIDs(in: state))
        return targets.filter { !onScreen.contains($0) }.count
    }

    /// "2 marked (1 off screen)", "2 marked", or the one task's name: who an action goes to.
    public func targetsText(_ targets: [TargetID], in state: DashboardState) -> String {
        let onMarks = actsOnMarks(in: state)
        if targets.count == 1, !onMarks, let row = state.task(targets[0]) { return row.displayName }
        let offScreen = offScreenCount(targets, in: state)
        let count = onMarks ? "\(targets.count) marked" : Wording.tasks(targets.count)
        return offScreen > 0 ? "\(count) (\(offScreen) off screen)" : count
    }
}
