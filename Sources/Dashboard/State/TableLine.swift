import ProtectionCore

/// One line of the task table: a task's row, or, when rows are grouped by service, the header
/// that opens a group.
public enum TableLine: Sendable, Equatable {
    case task(TargetID)
    /// A group's header: its service (nil: tasks without one), how many tasks it shows and how
    /// many of them are in each state, in the states' own order.
    case group(service: String?, tasks: Int, states: [(TaskDisplayState, Int)])

    public static func == (lhs: TableLine, rhs: TableLine) -> Bool {
        switch (lhs, rhs) {
        case let (.task(left), .task(right)): left == right
        case let (.group(leftService, leftTasks, leftStates), .group(rightService, rightTasks, rightStates)):
            leftService == rightService && leftTasks == rightTasks && leftStates.map(\.0) == rightStates.map(\.0)
                && leftStates.map(\.1) == rightStates.map(\.1)
        default: false
        }
    }

    /// The task on this line, nil for a header.
    public var taskID: TargetID? {
        if case .task(let id) = self { return id }
        return nil
    }
}

extension DashboardState {
    /// The table's lines for the visible rows `visible`, with a header before each service's
    /// group when rows are grouped (``groupByService``).
    func tableLines(for visible: [TargetID]) -> [TableLine] {
        guard groupByService else { return visible.map(TableLine.task) }
        var lines: [TableLine] = []
        lines.reserveCapacity(visible.count + 8)
        var start = 0
        while start < visible.count {
            let service = task(visible[start])?.service
            var end = start
            var states: [TaskDisplayState: Int] = [:]
            while end < visible.count, let row = task(visible[end]), row.service == service {
                states[displayState(of: row), default: 0] += 1
                end += 1
            }
            if end == start { end += 1 }
            let ordered = TaskDisplayState.allCases.compactMap { state in states[state].map { (state, $0) } }
            lines.append(.group(service: service, tasks: end - start, states: ordered))
            lines += visible[start..<end].map(TableLine.task)
            start = end
        }
        return lines
    }

    /// The selected task's line in `lines`.
    func selectedLine(in lines: [TableLine]) -> Int? {
        guard let selection else { return nil }
        return lines.firstIndex(of: .task(selection))
    }
}
