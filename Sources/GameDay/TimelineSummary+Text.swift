import FoundationEssentials
import ProtectionCore
import SafeText

extension TimelineSummary {
    /// The review as text for a terminal; every value from the file passes through ``TerminalSafeText``.
    public func rendered(file: String, drill: TimelineDrill? = nil) -> String {
        let total = end.timeIntervalSince(start)
        var lines: [String] = []
        lines.append("Review of \(file): \(recordCount) events, \(Self.clock(start)) to \(Self.clock(end)) UTC (\(Self.duration(total)))")
        if let drill {
            let runs = drill.runs.map { $0.command ?? "?" }.joined(separator: ", ")
            lines.append("Drill \(drill.id ?? "(written before drill ids)"): \(drill.runs.count) run\(drill.runs.count == 1 ? "" : "s") (\(runs))")
        }
        if let scenarioName { lines.append("Scenario: \(scenarioName)") }
        for span in agentDown { lines.append("Agent down \(Self.spanText(span))") }
        for span in apiDown { lines.append("ECS API down \(Self.spanText(span))") }
        for outage in discoveryDown { lines.append("Task discovery failing (\(outage.code)) \(Self.spanText(outage.span))") }
        for action in globalActions { lines.append("\(Self.clock(action.time))  \(action.action) by \(action.user)") }
        for task in tasks {
            lines.append("")
            lines.append([task.label.isEmpty ? "(no label)" : task.label, task.taskArn].filter { !$0.isEmpty }.joined(separator: "  "))
            lines.append("  protected                 \(Self.duration(task.protectedSeconds)) of \(Self.duration(total))")
            if task.workSeconds > 0 {
                let warning = task.unprotectedDuringWorkSeconds > 0 ? "  <- work at risk of scale-in" : ""
                lines.append("  unprotected while working \(Self.duration(task.unprotectedDuringWorkSeconds)) of \(Self.duration(task.workSeconds)) of work\(warning)")
            }
            if task.errors.isEmpty {
                lines.append("  errors                    none")
            }
            for error in task.errors {
                lines.append("  error                     \(error.code) for \(Self.spanText(error.span))")
            }
            for lapse in task.lapses { lines.append("  lapsed                    at \(Self.clock(lapse))") }
            for alert in task.alerts {
                let detail = alert.remaining.map { ", \(Self.duration(Double($0))) left" } ?? ""
                lines.append("  alert                     \(Self.clock(alert.time))  \(alert.alert)\(detail)")
            }
            if task.renewals > 0 {
                let failed = task.renewalFailures.isEmpty ? "" : ", \(task.renewalFailures.count) failed (\(Set(task.renewalFailures).sorted().joined(separator: ", ")))"
                lines.append("  keep renewals             \(task.renewals) sent\(failed)")
            }
            for action in task.actions {
                let outcome = action.outcome.map { " -> \($0)" } ?? ""
                lines.append("  operator                  \(Self.clock(action.time))  \(action.action) by \(action.user)\(outcome)")
            }
        }
        return lines.map { TerminalSafeText.excerpt($0, limit: 400) }.joined(separator: "\n") + "\n"
    }

    private static func spanText(_ span: Span) -> String {
        let scenario = span.scenarioSeconds.map { "; \(duration($0)) of scenario time" } ?? ""
        return "\(duration(span.seconds)) (\(clock(span.start)) to \(span.open ? "the end, still going" : clock(span.end))\(scenario))"
    }

    /// `HH:MM:SS.mmm` in UTC.
    static func clock(_ date: Date) -> String {
        let stamp = TimelineRecord.timestamp(date)
        guard let t = stamp.firstIndex(of: "T") else { return stamp }
        return String(stamp[stamp.index(after: t)...].dropLast())
    }

    /// `1h02m03s`, `4m05s`, `42s`, `7.2s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return seconds == seconds.rounded() ? "\(Int(seconds))s" : DecimalText.fixed(seconds, decimals: 1) + "s" }
        if seconds < 59.5 { return "\(Int(seconds.rounded()))s" }
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole % 3600 / 60, whole % 60)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours)h\(twoDigits(minutes))m\(twoDigits(secs))s" : "\(minutes)m\(twoDigits(secs))s"
    }

    /// The drills of a file, one line each, for `timeline --list`.
    public static func list(_ drills: [TimelineDrill]) -> String {
        drills.map { drill in
            let runs = drill.runs.map { $0.command ?? "?" }.joined(separator: ", ")
            let scenario = drill.records.first { $0.kind == .scenarioStarted }?.fields["name"].map { "  scenario: \($0)" } ?? ""
            let day = TimelineRecord.timestamp(drill.start).prefix(10)
            let line = "\(drill.id ?? "(written before drill ids)")  \(day) \(clock(drill.start)) to \(clock(drill.end)) UTC"
                + "  \(drill.records.count) events  \(drill.runs.count) run\(drill.runs.count == 1 ? "" : "s") (\(runs))\(scenario)"
            return TerminalSafeText.excerpt(line, limit: 400)
        }.joined(separator: "\n") + "\n"
    }
}
