import ProtectionCore

/// Column positions of the task table for one screen width.
struct TableColumns: Equatable, Sendable {
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
    /// column would become too narrow to read. A hidden column takes no room: its position is the
    /// screen's width, where every write is cut off, so the row code draws it unchanged.
    init(width: Int, longestLabel: Int, hidden: Set<TableColumn> = []) {
        let fixedWidths: [(TableColumn, Int)] = [
            (.state, Self.stateWidth), (.remaining, Self.remainingWidth), (.expires, Self.expiresWidth), (.answered, Self.answeredWidth),
        ]
        // The prefix, the space after the label, and each shown column with the space after it.
        let fixed = Self.prefixWidth + 1 + fixedWidths.filter { !hidden.contains($0.0) }.reduce(0) { $0 + $1.1 + 1 }
        let room = width - fixed - (hidden.contains(.problem) ? 0 : Self.minimumProblemWidth)
        let wanted = min(max(longestLabel, Self.minimumLabelWidth), Self.maximumLabelWidth)
        labelWidth = max(Self.minimumLabelWidth, min(wanted, room))
        label = Self.prefixWidth
        var next = label + labelWidth + 1
        func place(_ column: TableColumn, _ columnWidth: Int) -> Int {
            guard !hidden.contains(column) else { return width }
            defer { next += columnWidth + 1 }
            return next
        }
        state = place(.state, Self.stateWidth)
        remaining = place(.remaining, Self.remainingWidth)
        expires = place(.expires, Self.expiresWidth)
        answered = place(.answered, Self.answeredWidth)
        problem = hidden.contains(.problem) ? width : next
        problemWidth = max(0, width - problem)
    }
}
