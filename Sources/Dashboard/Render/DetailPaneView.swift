import FoundationEssentials
import TerminalUI

/// Everything known about the selected task, below the table.
enum DetailPaneView {
    /// Width of the key column ("Protection ").
    static let keyWidth = 11
    /// Problem text lines shown at most before the history.
    static let maxProblemLines = 3

    static func draw(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout, into frame: inout Frame) {
        let top = layout.detailTop
        let bottom = top + layout.detailHeight
        guard layout.detailHeight > 0 else { return }
        frame.fill(x: 0, y: top, width: frame.width, height: layout.detailHeight, role: .text)
        frame.write(String(repeating: "─", count: frame.width), x: 0, y: top, role: .border)
        guard let selection = state.selection, model.selectedVisibleIndex(in: state) != nil, let row = state.task(selection) else {
            frame.write(" no task selected ", x: 2, y: top, role: .border)
            return
        }
        frame.write(" \(row.displayName) ", x: 2, y: top, role: .border, maxWidth: frame.width - 4, ellipsis: true)

        var y = top + 1
        let valueWidth = max(0, frame.width - 1 - keyWidth)
        func line(_ key: String, _ value: String, role: StyleRole = .text) {
            guard y < bottom else { return }
            frame.write(key, x: 1, y: y, role: .muted)
            frame.write(value, x: 1 + keyWidth, y: y, role: role, maxWidth: valueWidth, ellipsis: true)
            y += 1
        }
        line("ARN", row.taskArn ?? "-")
        if let endpoint = row.endpoint {
            line("Endpoint", endpoint.stateURL)
        } else {
            line("Source", "ECS API, cluster \(state.ecsCluster ?? "-")" + (row.gone ? ", task stopped" : ""))
        }
        if let lifecycle = row.lifecycle {
            let service = [lifecycle.service, lifecycle.taskDefinition].compactMap { $0 }.joined(separator: ", ")
            line("Task", (service.isEmpty ? "" : service + "  ") + TaskTableView.lifecycleText(lifecycle, now: state.now, full: true),
                 role: state.stoppedWhileProtected(row) ? .error : lifecycle.isLeaving ? .stale : .text)
        }
        line("Protection", protectionText(row, state: state), role: state.displayState(of: row).role)
        line("HTTP", httpText(row, state: state))
        if let problem = row.problem {
            let role: StyleRole = problem.kind == .failure ? .failure : .error
            let text = TaskTableView.problemText(problem, now: state.now)
            for (index, part) in ColumnText.wrap(text, width: valueWidth).prefix(maxProblemLines).enumerated() {
                line(index == 0 ? "Problem" : "", part, role: role)
            }
        }
        if let fault = row.sourceFault ?? state.failingSource(of: row).map({ TaskProblem(kind: .error, code: $0.code, message: $0.message, at: $0.since) }) {
            line("No answer", "\(row.sourceName): \(TaskTableView.problemText(fault, now: state.now))", role: .error)
        }
        if let ahead = row.agentClockAhead {
            line("Clock", TaskTableView.clockDifferenceText(ahead) + " (time left from the request that set it)", role: .error)
        }
        if let action = row.lastAction {
            let failed = action.failed
            line("Action", TaskTableView.actionText(action, now: state.now), role: failed ? .error : .text)
        }
        if row.problem != nil || row.lastAction?.failed == true, let hint = row.hint {
            for (index, part) in ColumnText.wrap(hint, width: valueWidth).prefix(2).enumerated() {
                line(index == 0 ? "What to do" : "", part, role: .text)
            }
        }
        if state.demo { line("Fault", state.faults[row.id] ?? "none") }
        if row.activity.isEmpty { line("Recent", "nothing yet", role: .muted) }
        for (index, entry) in row.activity.enumerated() {
            let text = "\(TimeText.clock(entry.at, in: state.timeZone)) \(entry.text)"
            line(index == 0 ? "Recent" : "", text, role: role(of: entry.kind))
        }
    }

    private static func protectionText(_ row: TaskRow, state: DashboardState) -> String {
        let display = state.displayState(of: row)
        guard let protection = row.protection else { return display.rawValue }
        var text = display.rawValue
        if let pending = row.pendingChange { text += " (\(Wording.change(pending)) in flight)" }
        if let localExpiry = state.localExpiry(of: row) {
            let local = TimeText.clock(localExpiry, in: state.timeZone)
            let remaining = TimeText.countdown(state.remaining(of: row) ?? 0)
            text += ", expires \(protection.expirationDateText ?? "") (local \(local), in \(remaining))"
        }
        return text
    }

    private static func httpText(_ row: TaskRow, state: DashboardState) -> String {
        var parts = [row.httpStatus.map(String.init) ?? "-"]
        if let last = row.lastAnswerAt {
            // While its source refuses the calls, the status is the refusal's and the age the data's.
            let answered = row.sourceFault == nil ? "answered" : "last usable answer"
            parts.append("\(answered) \(TimeText.age(state.now.timeIntervalSince(last))) ago")
            if state.isStale(row) { parts.append("STALE") }
        }
        if let requestID = row.requestID { parts.append("request ID \(requestID)") }
        return parts.joined(separator: ", ")
    }

    static func role(of kind: TaskActivity.Kind) -> StyleRole {
        switch kind {
        case .poll, .putSucceeded: .text
        case .putSent: .pending
        case .failure: .failure
        case .error: .error
        }
    }
}
