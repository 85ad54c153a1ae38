import ProtectionCore

/// Column positions of the task table for one screen width.
struct TableColumns: Equatable {
    static let stateWidth = 11
    /// Every countdown fits: ``CountdownText`` never writes more.
    static let remainingWidth = CountdownText.maximumWidth
    static let expiresWidth = 8
    static let answeredWidth = 9
    /// Cursor, mark, space.
    static let prefixWidth = 3
    static let minimumLabelWidth = 8
    static let maximumLabelWidth = 24
    static let minimumProblemWidth = 20

    let label: Int
    let labelWidth: Int
    let state: Int
    let remaining: Int
    let expires: Int
    let answered: Int
    let problem: Int
    let problemWidth: Int

    /// Labels get the width of the longest one (within bounds), shrinking when the problem
    /// column would become too narrow to read.
    init(width: Int, longestLabel: Int) {
        let fixed = Self.prefixWidth + Self.stateWidth + Self.remainingWidth + Self.expiresWidth
            + Self.answeredWidth + 5
        let room = width - fixed - Self.minimumProblemWidth
        let wanted = min(max(longestLabel, Self.minimumLabelWidth), Self.maximumLabelWidth)
        labelWidth = max(Self.minimumLabelWidth, min(wanted, room))
        label = Self.prefixWidth
        state = label + labelWidth + 1
        remaining = state + Self.stateWidth + 1
        expires = remaining + Self.remainingWidth + 1
        answered = expires + Self.expiresWidth + 1
        problem = answered + Self.answeredWidth + 1
        problemWidth = max(0, width - problem)
    }
}
