import FoundationEssentials

extension TimelineSummary {
    /// The review as a post-mortem section in Markdown: a summary, each task's protection over
    /// time, operator actions with their outcomes, alerts and lapses, work at risk, and source
    /// outages. Times are UTC; every value from the file passes ``MarkdownText``.
    public func markdown(file: String, drill: TimelineDrill? = nil) -> String {
        let day = String(TimelineRecord.timestamp(start).prefix(10))
        var out: [String] = []
        out.append("## Drill review: \(MarkdownText.inert(scenarioName ?? drill?.id ?? file))")
        out.append("")
        out.append("- **File:** \(MarkdownText.code(file))")
        if let drill {
            let runs = drill.runs.map { MarkdownText.inert($0.command ?? "?") }.joined(separator: ", ")
            out.append("- **Drill:** \(drill.id.map(MarkdownText.code) ?? "written before drill ids"), "
                       + "\(drill.runs.count) run\(drill.runs.count == 1 ? "" : "s") (\(runs))")
        }
        if let scenarioName { out.append("- **Scenario:** \(MarkdownText.inert(scenarioName))") }
        out.append("- **When:** \(day) \(Self.clock(start)) to \(Self.clock(end)) UTC (\(Self.duration(end.timeIntervalSince(start)))), "
                   + "\(recordCount) events")
        out += section("Summary", header: ["Task", "Protected", "Work", "Unprotected while working", "Errors", "Lapses", "Alerts", "Actions"],
                       rows: tasks.map(Self.summaryCells), none: "No task was recorded.")
        out += section("Protection over time", header: ["Task", "From", "To", "For"],
                       rows: tasks.flatMap { task in task.protectedSpans.map { [Self.labelCell(task)] + spanCells($0) } },
                       none: "No task was protected.")
        var actions: [(time: Date, cells: [String])] = []
        for task in tasks { actions += task.actions.map { ($0.time, Self.actionCells($0, task: Self.labelCell(task))) } }
        actions += globalActions.map { ($0.time, Self.actionCells($0, task: "(all)")) }
        out += section("Operator actions", header: ["Time", "Task", "Action", "By", "Outcome"],
                       rows: actions.sorted { $0.time < $1.time }.map(\.cells), none: "No operator action.")
        var alerts: [(time: Date, cells: [String])] = []
        for task in tasks {
            let label = Self.labelCell(task)
            for alert in task.alerts {
                let left = alert.remaining.map { "\(Self.duration(Double($0))) left" } ?? ""
                alerts.append((alert.time, [Self.clock(alert.time), label, MarkdownText.inert(alert.alert), left]))
            }
            for lapse in task.lapses { alerts.append((lapse, [Self.clock(lapse), label, "**lapsed**", "protection ran out"])) }
        }
        out += section("Alerts and lapses", header: ["Time", "Task", "What", "Detail"],
                       rows: alerts.sorted { $0.time < $1.time }.map(\.cells), none: "No alert and no lapse.")
        out += section("Work at risk", header: ["Task", "From", "To", "Unprotected for"],
                       rows: tasks.flatMap { task in task.workAtRisk.map { [Self.labelCell(task)] + spanCells($0) } },
                       none: tasks.contains { $0.workSeconds > 0 } ? "None: every job ran protected." : "No work was recorded.")
        var outages: [(what: String, span: Span)] = agentDown.map { ("Agent down", $0) } + apiDown.map { ("ECS API down", $0) }
        outages += discoveryDown.map { ("Task discovery failing (\(MarkdownText.inert($0.code)))", $0.span) }
        for task in tasks { outages += task.errors.map { ("\(Self.labelCell(task)): \(MarkdownText.inert($0.code))", $0.span) } }
        out += section("Source outages and errors", header: ["What", "From", "To", "For"],
                       rows: outages.sorted { $0.span.start < $1.span.start }.map { [$0.what] + spanCells($0.span) },
                       none: "No outage and no error.")
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, header: [String], rows: [[String]], none: String) -> [String] {
        var lines = ["", "### \(title)", ""]
        guard !rows.isEmpty else { return lines + [none] }
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines
    }

    private func spanCells(_ span: Span) -> [String] {
        let scenario = span.scenarioSeconds.map { " (\(Self.duration($0)) of scenario time)" } ?? ""
        return [Self.clock(span.start), span.open ? "the end, still going" : Self.clock(span.end), Self.duration(span.seconds) + scenario]
    }

    private static func summaryCells(_ task: TaskReview) -> [String] {
        let worked = task.workSeconds > 0
        let risk = task.unprotectedDuringWorkSeconds > 0 ? " **at risk**" : ""
        return [taskCell(task), duration(task.protectedSeconds), worked ? duration(task.workSeconds) : "-",
                worked ? duration(task.unprotectedDuringWorkSeconds) + risk : "-",
                String(task.errors.count), String(task.lapses.count), String(task.alerts.count), String(task.actions.count)]
    }

    private static func actionCells(_ action: Action, task: String) -> [String] {
        [clock(action.time), task, MarkdownText.inert(action.action), MarkdownText.inert(action.user), action.outcome.map(MarkdownText.inert) ?? "-"]
    }

    private static func labelCell(_ task: TaskReview) -> String {
        task.label.isEmpty ? "(no label)" : MarkdownText.inert(task.label)
    }

    private static func taskCell(_ task: TaskReview) -> String {
        task.taskArn.isEmpty ? labelCell(task) : labelCell(task) + "<br>" + MarkdownText.code(task.taskArn)
    }
}
