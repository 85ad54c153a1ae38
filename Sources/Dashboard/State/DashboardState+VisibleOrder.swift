import FoundationEssentials
import ProtectionCore
import TerminalUI

/// Which rows the table shows and in what order, worked out from the state alone;
/// ``DashboardViewModel`` remembers the result while its ``VisibleOrderKey`` holds.
extension DashboardState {

    /// Which rows there are (not what they say): labels never change, rows come and go.
    var labelsKey: Int {
        var hasher = Hasher()
        hasher.combine(tasks.count)
        for row in tasks { hasher.combine(row.id) }
        return hasher.finalize()
    }

    /// The widest label in terminal cells.
    func measureLongestLabel() -> Int {
        tasks.map { DisplayWidth.of($0.displayName) }.max() ?? 0
    }

    /// What the visible order is computed from.
    var visibleOrderKey: VisibleOrderKey {
        // Remaining-time order does not move with the clock (every countdown runs at the same rate);
        // state and answer-age order, a filter, a quick view (which read states and staleness) and
        // the group headers' state counts do.
        let readsClock = sortMode == .state || sortMode == .answered || !filterText.isEmpty || quickFilter != nil || groupByService
        // The label order of every row reads only which rows there are (labels never change).
        let readsRowContent = sortMode != .label || !filterText.isEmpty || quickFilter != nil || serviceFilter != nil || groupByService
        return VisibleOrderKey(rowsChanges: rowsChanges.count, readsRowContent: readsRowContent, filterText: filterText, sortMode: sortMode,
                                sortDescending: sortDescending, quickFilter: quickFilter,
                                kept: quickFilter == .kept ? Set(kept.keys) : [], serviceFilter: serviceFilter, groupByService: groupByService,
                                clocks: readsClock ? [now, agentNow] : [])
    }

    /// The ids of the rows that pass the filter, the quick view and the service filter, in the
    /// current sort order (grouped by service when asked).
    func computeVisibleIDs() -> [TargetID] {
        let matcher = RowFilter(filterText)?.matcher()
        var positions: [Int] = []
        positions.reserveCapacity(tasks.count)
        for position in tasks.indices where (matcher.map { matcher in
            let columns = filterColumns(of: tasks[position])
            return matcher.passes(words: columns.words, texts: columns.texts)
        } ?? true)
            && (quickFilter.map { shows(tasks[position], in: $0) } ?? true)
            && (serviceFilter == nil || tasks[position].service == serviceFilter) {
            positions.append(position)
        }
        // Sort keys are read once per row, not once per comparison.
        switch sortMode {
        case .label:
            positions.sort { sortDescending ? byLabel($1, $0) : byLabel($0, $1) }
        case .service:
            sort(&positions, by: tasks.map { $0.service?.lowercased() })
        case .state:
            sort(&positions, by: tasks.map { Optional(displayState(of: $0).sortRank) })
        case .remaining:
            // Tasks without a countdown come last whichever way the column runs.
            sort(&positions, by: tasks.map { remaining(of: $0) })
        case .answered:
            sort(&positions, by: tasks.map { row in row.lastAnswerAt.map { now.timeIntervalSince($0) } })
        case .problem:
            sort(&positions, by: tasks.map { row in row.problem?.code ?? (row.lastAction?.failed == true ? row.lastAction?.failureCode : nil) })
        }
        if groupByService { positions = groupedByService(positions) }
        return positions.map { tasks[$0].id }
    }

    /// Orders `positions` by `keys` (one per task), ascending or descending; rows without a key
    /// last, and equal keys by label so the order is stable whichever way it runs.
    private func sort<Key: Comparable>(_ positions: inout [Int], by keys: [Key?]) {
        let descending = sortDescending
        positions.sort { left, right in
            switch (keys[left], keys[right]) {
            case let (leftKey?, rightKey?) where leftKey != rightKey: return descending ? leftKey > rightKey : leftKey < rightKey
            case (_?, nil): return true
            case (nil, _?): return false
            default: return byLabel(left, right)
            }
        }
    }

    /// `positions` gathered by service (services A to Z, rows without one last), each group
    /// keeping the order it had: the sort applies within a group.
    private func groupedByService(_ positions: [Int]) -> [Int] {
        var groups: [String?: [Int]] = [:]
        for position in positions { groups[tasks[position].service, default: []].append(position) }
        let names = groups.keys.sorted { left, right in
            switch (left, right) {
            case let (left?, right?): left.lowercased() != right.lowercased() ? left.lowercased() < right.lowercased() : left < right
            case (_?, nil): true
            default: false
            }
        }
        return names.flatMap { groups[$0] ?? [] }
    }

    /// Whether `row` belongs in the quick view `filter`.
    private func shows(_ row: TaskRow, in filter: QuickFilter) -> Bool {
        switch filter {
        case .failing: return row.problem != nil || isStale(row)
        case .lapsed: return displayState(of: row) == .lapsed
        case .unprotected: return displayState(of: row) == .unprotected
        case .kept: return kept[row.id] != nil
        case .failedAction: return row.lastAction?.failed == true
        }
    }

    private func byLabel(_ left: Int, _ right: Int) -> Bool {
        let leftKey = tasks[left].sortKey, rightKey = tasks[right].sortKey
        return leftKey != rightKey ? leftKey < rightKey : tasks[left].id < tasks[right].id
    }

    /// What the filter reads of a row: its state words, and the text of every other column it
    /// shows (problems and actions without their ages, which change by the second; the task's
    /// revision, status, zone and why it stops, from the ECS API).
    private func filterColumns(of row: TaskRow) -> (words: [String], texts: [String]) {
        let state = displayState(of: row)
        var words = [state.rawValue]
        // An expiring task is still protected.
        if state == .expiringSoon { words.append(TaskDisplayState.protected.rawValue) }
        if isStale(row) { words.append("STALE") }
        var texts = [row.displayName]
        if let arn = row.taskArn { texts.append(arn) }
        if let service = row.service { texts.append(service) }
        for problem in [row.problem, row.sourceFault].compactMap({ $0 }) {
            texts.append(problem.code)
            if !problem.message.isEmpty { texts.append(problem.message) }
        }
        // A fleet's cluster by name, so `:ctx NAME` (and a typed filter) can keep one cluster's tasks.
        if row.endpoint == nil, row.sourceName != TaskRow.ecsAPISourceName { texts.append(row.sourceName) }
        if let failing = failingSources[row.sourceName] { texts += [failing.code, failing.message] }
        if let action = row.lastAction { texts.append(action.summary) }
        if let lifecycle = row.lifecycle {
            texts += [lifecycle.taskDefinition, lifecycle.lastStatus, lifecycle.availabilityZone, lifecycle.stopCode,
                      lifecycle.stoppedReason].compactMap { $0 }
        }
        return (words, texts)
    }
}
