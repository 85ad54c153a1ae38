import ProtectionCore

/// What the action keys will act on, said before they are pressed: marks can be scrolled out of
/// sight, and with marks present the row under the cursor is not a target.
extension DashboardState {
    /// Whether the action keys act on marks (some visible task is marked) rather than the cursor.
    public var actsOnMarks: Bool { visibleIDs.contains { marks.contains($0) } }

    /// How many of `targets` are outside the table's rows on screen (scrolled away or filtered out).
    public func offScreenCount(_ targets: [TargetID]) -> Int {
        let onScreen = Set(onScreenIDs)
        return targets.filter { !onScreen.contains($0) }.count
    }

    /// "2 marked (1 off screen)", "2 marked", or the one task's name: who an action goes to.
    public func targetsText(_ targets: [TargetID]) -> String {
        if targets.count == 1, !actsOnMarks, let row = task(targets[0]) { return row.displayName }
        let offScreen = offScreenCount(targets)
        let count = actsOnMarks ? "\(targets.count) marked" : Wording.tasks(targets.count)
        return offScreen > 0 ? "\(count) (\(offScreen) off screen)" : count
    }
}
