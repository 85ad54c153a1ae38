import FoundationEssentials
import ProtectionCore
import TerminalUI

/// The column headings and one line per visible task.
enum TaskTableView {
    /// Draws the table, copying from `memo` the task lines whose inputs and texts are unchanged
    /// since the last frame (``TableMemo``).
    static func draw(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout, into frame: inout Frame,
                     memo: inout TableMemo) {
        // Only the rows on screen are looked up and drawn; the order itself is remembered in the view model.
        let lines = model.tableLines(in: state)
        let context = layoutContext(state, model: model, width: frame.width)
        let columns = context.columns
        memo.headings.draw(columns, row: ScreenLayout.tableTop - 1, into: &frame) { frame in drawHeadings(columns, into: &frame) }
        memo.begin(context, height: layout.tableHeight)

        guard !lines.isEmpty else {
            let message = state.tasks.isEmpty ? "no tasks" : "no task matches '\(state.filterText)'"
            frame.write(message, x: columns.label, y: ScreenLayout.tableTop, role: .muted)
            return
        }
        let selected = state.selectedLine(in: lines)
        let offset = layout.scrollOffset(selected: selected, rowCount: lines.count)
        let agentNow = state.agentNow
        for line in 0..<min(layout.tableHeight, lines.count - offset) {
            let index = offset + line
            let y = ScreenLayout.tableTop + line
            switch lines[index] {
            case .group(let service, let count, let states):
                memo.forget(line)
                drawGroupHeader(service: service, tasks: count, states: states, width: frame.width, y: y, into: &frame)
            case .task(let id):
                guard let row = state.task(id) else {
                    memo.forget(line)
                    continue
                }
                let key = lineKey(row, selected: index == selected, state: state, agentNow: agentNow)
                memo.draw(line, key: key, now: state.now, row: y, into: &frame,
                          holdsUntil: { textsHold(row, state: state) }) { frame in
                    drawRow(key, columns: columns, state: state, y: y, into: &frame)
                }
            }
        }
    }

    /// The table of the frame in `frame` brought to `state`'s clock, when that frame was drawn with
    /// `memo` for a state that differs from `state` only in its clock: each task line is drawn
    /// again where its key changed (a stale mark, a lapse) or one of its texts reads otherwise
    /// (a countdown's step, an age), and left as it is everywhere else. `lines` are the state's
    /// table lines (``DashboardViewModel/tableLines(in:)``). Returns the rows drawn, or nil, having
    /// drawn nothing, when the memo's lines were laid out otherwise.
    static func step(_ state: DashboardState, lines: [TableLine], model: DashboardViewModel, layout: ScreenLayout,
                     into frame: inout Frame, memo: inout TableMemo) -> [Int]? {
        let context = layoutContext(state, model: model, width: frame.width)
        let columns = context.columns
        guard memo.wasLaidOut(with: context, height: layout.tableHeight) else { return nil }
        guard !lines.isEmpty else { return [] }
        let selected = state.selectedLine(in: lines)
        let offset = layout.scrollOffset(selected: selected, rowCount: lines.count)
        let agentNow = state.agentNow
        var drawn: [Int] = []
        for line in 0..<min(layout.tableHeight, lines.count - offset) {
            let index = offset + line
            guard case .task(let id) = lines[index], let row = state.task(id) else { continue }
            let key = lineKey(row, selected: index == selected, state: state, agentNow: agentNow)
            if memo.holds(line, key: key, now: state.now) { continue }
            let y = ScreenLayout.tableTop + line
            // The row as a frame drawn afresh has it: cleared, then drawn.
            frame.clearRow(y, role: .text)
            drawRow(key, columns: columns, state: state, y: y, into: &frame)
            memo.keep(line, key: key, now: state.now, holdsUntil: textsHold(row, state: state), row: y, of: frame)
            drawn.append(y)
        }
        return drawn
    }

    /// The columns of a table `width` wide for `state`, with what else every line is laid out with.
    private static func layoutContext(_ state: DashboardState, model: DashboardViewModel, width: Int) -> TableMemo.Context {
        let columns = TableColumns(width: width, longestLabel: model.longestLabelWidth(in: state), hidden: state.hiddenColumns)
        return TableMemo.Context(columns: columns, timeZone: state.timeZone, width: width)
    }

    /// Everything a task line shows besides the clock's reading: ``drawRow`` draws from it, so a
    /// line kept for an equal key is the line it would draw.
    private static func lineKey(_ row: TaskRow, selected: Bool, state: DashboardState, agentNow: Date) -> TableMemo.LineKey {
        // A paused keep renews nothing: its mark says so rather than promise protection.
        let keepMark: Character? = state.kept[row.id].map { $0.paused ? "k" : "K" }
        let protection = state.protectionState(of: row)
        return TableMemo.LineKey(
            row: row, selected: selected, marked: state.marks.contains(row.id), keepMark: keepMark,
            flashing: state.isFlashing(row.id), display: state.displayState(of: row, protection: protection), protection: protection,
            stale: state.isStale(row), implausibleExpiration: state.hasImplausibleExpiry(row, agentNow: agentNow))
    }

    /// The first instant after the state's clock at which one of the row's texts reads otherwise
    /// by time alone: its countdown's next value, or the next value of an age it may show (since
    /// the last answer, the problem, the last action, the task's start). The states the clock
    /// also decides (lapsed, stale, flashing) are part of the line's key instead.
    static func textsHold(_ row: TaskRow, state: DashboardState) -> Date {
        let now = state.now
        var until = state.nextCountdownChange(of: row) ?? .distantFuture
        row.forEachLineAgeStart { start in until = min(until, DashboardViewModel.nextAgeChange(since: start, after: now)) }
        return until
    }

    /// "1-40 of 300" when the table scrolls: which rows are on screen. The header keeps room for it.
    static func rangeText(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout) -> String? {
        let lines = model.tableLines(in: state)
        guard lines.count > layout.tableHeight else { return nil }
        let offset = layout.scrollOffset(selected: state.selectedLine(in: lines), rowCount: lines.count)
        // Counted in tasks: group headers are not rows. Counted in place: this runs every frame.
        func tasks(in range: Range<Int>) -> Int {
            var count = 0
            for index in range where lines[index].taskID != nil { count += 1 }
            return count
        }
        let shown = tasks(in: offset..<min(lines.count, offset + layout.tableHeight))
        let before = tasks(in: 0..<offset)
        return shown == 0 ? nil : "\(before + 1)-\(before + shown) of \(model.visibleIDs(in: state).count)"
    }

    /// "web: 6 tasks, 4 PROTECTED, 2 UNPROTECTED" on its own line, opening a service's group.
    private static func drawGroupHeader(service: String?, tasks: Int, states: [(TaskDisplayState, Int)], width: Int, y: Int,
                                        into frame: inout Frame) {
        let name = service ?? "no service"
        let counts = states.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        frame.write("\(name): \(Wording.tasks(tasks)), \(counts)", x: 1, y: y, role: .border, maxWidth: max(0, width - 2), ellipsis: true)
    }

    private static func drawHeadings(_ columns: TableColumns, into frame: inout Frame) {
        let y = ScreenLayout.tableTop - 1
        frame.clearRow(y, role: .border)
        frame.write("TASK", x: columns.label, y: y, role: .border)
        frame.write("STATE", x: columns.state, y: y, role: .border)
        frame.write("REMAINING", x: columns.remaining, y: y, role: .border)
        frame.write("EXPIRES", x: columns.expires, y: y, role: .border)
        frame.write("ANSWERED", x: columns.answered, y: y, role: .border)
        frame.write("PROBLEM", x: columns.problem, y: y, role: .border)
    }

    /// Draws the task line of `key`: the row, and the marks and states the key decided for it.
    private static func drawRow(_ key: TableMemo.LineKey, columns: TableColumns, state: DashboardState,
                                y: Int, into frame: inout Frame) {
        let row = key.row
        if key.selected { frame.write(">", x: 0, y: y, role: .selection) }
        if key.marked { frame.write("*", x: 1, y: y, role: .marked) }
        if let keepMark = key.keepMark { frame.write(String(keepMark), x: 2, y: y, role: keepMark == "k" ? .error : .marked) }
        // A row that just alerted flashes its label; the state columns keep their own styles.
        let labelRole: StyleRole = key.flashing ? .dangerousDialog : key.marked ? .marked : .text
        frame.write(row.displayName, x: columns.label, y: y, role: labelRole,
                    maxWidth: columns.labelWidth, ellipsis: true)

        frame.write(key.display.rawValue, x: columns.state, y: y, role: key.display.role, maxWidth: TableColumns.stateWidth)

        if key.implausibleExpiration {
            frame.write("-", x: columns.remaining, y: y, role: .muted)
            frame.write("bad date", x: columns.expires, y: y, role: .error, maxWidth: TableColumns.expiresWidth)
        } else if let remaining = state.remaining(of: row), let local = state.localExpiry(of: row) {
            frame.write(TimeText.countdown(remaining), x: columns.remaining, y: y, role: key.protection.role,
                        maxWidth: TableColumns.remainingWidth)
            frame.write(TimeText.clock(local, in: state.timeZone), x: columns.expires, y: y, role: .text)
        } else {
            frame.write("-", x: columns.remaining, y: y, role: .muted)
            frame.write("-", x: columns.expires, y: y, role: .muted)
        }

        if let last = row.lastAnswerAt {
            let age = TimeText.age(state.now.timeIntervalSince(last))
            if key.stale {
                frame.write("STALE \(age)", x: columns.answered, y: y, role: .stale)
            } else {
                frame.write(age, x: columns.answered, y: y, role: .muted)
            }
        } else if key.stale {
            frame.write("STALE", x: columns.answered, y: y, role: .stale)
        } else {
            frame.write("-", x: columns.answered, y: y, role: .muted)
        }

        // The task's own problems: a read problem first, else the failed outcome of the last action;
        // before both, why a task is leaving (its reads then fail MISSING, which says less), loudly
        // for a protected task the service scheduler stopped (what protection exists to prevent).
        if let lifecycle = row.lifecycle, lifecycle.isLeaving {
            let loud = state.stoppedWhileProtected(row)
            frame.write((loud ? "PROTECTED, STOPPED BY THE SCHEDULER: " : "") + lifecycleText(lifecycle, now: state.now),
                        x: columns.problem, y: y, role: loud ? .error : .stale, maxWidth: columns.problemWidth, ellipsis: true)
        } else if let problem = row.problem {
            frame.write(problemText(problem, now: state.now), x: columns.problem, y: y,
                        role: problem.kind == .failure ? .failure : .error, maxWidth: columns.problemWidth, ellipsis: true)
        } else if let action = row.lastAction, action.failed {
            frame.write(actionText(action, now: state.now), x: columns.problem, y: y,
                        role: .error, maxWidth: columns.problemWidth, ellipsis: true)
        } else if let ahead = row.agentClockAhead, row.protection?.enabled == true {
            frame.write(clockDifferenceText(ahead), x: columns.problem, y: y,
                        role: .error, maxWidth: columns.problemWidth, ellipsis: true)
        } else if let lifecycle = row.lifecycle {
            frame.write(lifecycleText(lifecycle, now: state.now), x: columns.problem, y: y,
                        role: .muted, maxWidth: columns.problemWidth, ellipsis: true)
        }
        // One unbroken bar: cells that carry a meaning keep their colour on the selection's background.
        if key.selected { frame.select(y: y) }
    }

    /// "r3 RUNNING 1h eu-west-1a" (the desired status only when it differs: "PENDING/RUNNING"),
    /// or for a task on its way out "STOPPING ServiceSchedulerInitiated: Scaling activity
    /// initiated by (deployment ecs-svc/…)". `full`: both statuses always, and the age's word.
    static func lifecycleText(_ lifecycle: TaskLifecycle, now: Date, full: Bool = false) -> String {
        if lifecycle.isLeaving {
            var text = lifecycle.lastStatus ?? "STOPPING"
            if let code = lifecycle.stopCode { text += " \(code)" }
            if let reason = lifecycle.stoppedReason, !reason.isEmpty { text += ": \(reason)" }
            return text
        }
        var parts: [String] = []
        if !full, let revision = lifecycle.revision { parts.append("r\(revision)") }
        let last = lifecycle.lastStatus ?? "?", desired = lifecycle.desiredStatus ?? "?"
        parts.append(full || last != desired ? "\(last)/\(desired)" : last)
        if let started = lifecycle.startedAt {
            parts.append((full ? "started " : "") + TimeText.age(now.timeIntervalSince(started)) + (full ? " ago" : ""))
        }
        if let zone = lifecycle.availabilityZone { parts.append(zone) }
        return parts.joined(separator: " ")
    }

    /// "agent clock 1h00m behind ECS's": its `Date` and ECS's `ExpirationDate` disagree, so the
    /// time left comes from the request that set the protection (or is unknown).
    static func clockDifferenceText(_ ahead: TimeInterval) -> String {
        "agent clock \(CountdownText.format(seconds: abs(ahead).rounded())) \(ahead > 0 ? "ahead of" : "behind") ECS's"
    }

    /// "protect 120m: DEPLOYMENT_BLOCKED (12s)", "protect 120m: ok (3s)" or "unprotect: sent (1s)".
    static func actionText(_ action: ActionOutcome, now: Date) -> String {
        let age = TimeText.age(now.timeIntervalSince(action.answeredAt ?? action.sentAt))
        let verb = Wording.change(action.change)
        switch action.result {
        case .inFlight: return "\(verb): sent (\(age))"
        case .succeeded: return "\(verb): ok (\(age))"
        case .failed(let code, let message):
            return message.isEmpty ? "\(verb): \(code) (\(age))" : "\(verb): \(code) (\(age)): \(message)"
        }
    }

    /// "TASK_NOT_VALID (5s): Task is not valid": the age comes before the message so a
    /// narrow column still shows it.
    static func problemText(_ problem: TaskProblem, now: Date) -> String {
        let age = TimeText.age(now.timeIntervalSince(problem.at))
        return problem.message.isEmpty ? "\(problem.code) (\(age))" : "\(problem.code) (\(age)): \(problem.message)"
    }
}
