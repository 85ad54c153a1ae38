import Foundation
import SafeText

/// The review of a drill, computed from its timeline: per task, time protected, time unprotected
/// while work ran, errors with their durations, lapses, and every operator action.
public struct TimelineSummary: Sendable {
    /// One stretch of time.
    public struct Span: Sendable, Equatable {
        public var start: Date
        public var end: Date
        /// Whether the timeline ended before the stretch did.
        public var open: Bool
        public var seconds: Double { max(0, end.timeIntervalSince(start)) }
    }

    /// An error that started and (maybe) ended.
    public struct ErrorSpan: Sendable, Equatable {
        public var code: String
        public var span: Span
    }

    /// Something an operator did.
    public struct Action: Sendable, Equatable {
        public var time: Date
        public var action: String
        public var user: String
    }

    /// What the review says about one task.
    public struct TaskReview: Sendable {
        public var label: String
        public var taskArn: String
        public var protectedSeconds: Double
        public var unprotectedDuringWorkSeconds: Double
        public var workSeconds: Double
        public var errors: [ErrorSpan]
        public var lapses: [Date]
        public var actions: [Action]
    }

    /// First and last record times.
    public var start: Date
    public var end: Date
    /// How many records.
    public var recordCount: Int
    /// The scenario's name, when one played.
    public var scenarioName: String?
    /// Stretches with the agent down, and with the ECS API down.
    public var agentDown: [Span]
    public var apiDown: [Span]
    /// Actions not about one task.
    public var globalActions: [Action]
    /// Per task, in order of first appearance.
    public var tasks: [TaskReview]

    /// Builds the review from records (any order; they are sorted by time, stably).
    public init(records unsorted: [TimelineRecord]) {
        let records = unsorted.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let start = records.first?.time ?? Date(timeIntervalSince1970: 0)
        let end = records.last?.time ?? start
        self.start = start
        self.end = end
        recordCount = records.count
        scenarioName = records.first { $0.kind == .scenarioStarted }?.fields["name"]
        agentDown = Self.spans(records, opening: .agentDown, closing: .agentUp, end: end)
        apiDown = Self.spans(records, opening: .apiDown, closing: .apiUp, end: end)
        globalActions = records.filter { $0.kind == .operatorAction && $0.taskArn == nil && $0.label == nil }.map(Self.action)

        var order: [String] = []
        var byTask: [String: [TimelineRecord]] = [:]
        var arnForLabel: [String: String] = [:]
        for record in records where record.taskArn != nil || record.label != nil {
            if let arn = record.taskArn, let label = record.label { arnForLabel[label] = arn }
        }
        for record in records where record.taskArn != nil || record.label != nil {
            let key = record.taskArn ?? record.label.flatMap { arnForLabel[$0] } ?? record.label ?? ""
            if byTask[key] == nil { order.append(key) }
            byTask[key, default: []].append(record)
        }
        tasks = order.map { key in Self.review(key: key, records: byTask[key] ?? [], end: end) }
    }

    private static func action(_ record: TimelineRecord) -> Action {
        Action(time: record.time, action: record.fields["action"] ?? "?", user: record.fields["user"] ?? "?")
    }

    private static func spans(_ records: [TimelineRecord], opening: TimelineKind, closing: TimelineKind, end: Date) -> [Span] {
        var spans: [Span] = []
        var openedAt: Date?
        for record in records {
            if record.kind == opening, openedAt == nil { openedAt = record.time }
            if record.kind == closing, let opened = openedAt {
                spans.append(Span(start: opened, end: record.time, open: false))
                openedAt = nil
            }
        }
        if let opened = openedAt { spans.append(Span(start: opened, end: end, open: true)) }
        return spans
    }

    /// Protection as the records tell it: `state` and `put.confirmed` carry `state`; a lapse ends it.
    private static func protectionChanges(_ records: [TimelineRecord]) -> [(Date, Bool)] {
        records.compactMap { record in
            switch record.kind {
            case .state, .putConfirmed:
                guard let state = record.fields["state"] else { return nil }
                return (record.time, state == "protected")
            case .lapse:
                return (record.time, false)
            default:
                return nil
            }
        }
    }

    private static func review(key: String, records: [TimelineRecord], end: Date) -> TaskReview {
        let label = records.compactMap(\.label).last ?? ""
        let arn = records.compactMap(\.taskArn).last ?? ""
        // Protected stretches: from a change to protected until the next change to unprotected.
        var protectedSpans: [Span] = []
        var protectedSince: Date?
        for (time, isProtected) in protectionChanges(records) {
            if isProtected, protectedSince == nil { protectedSince = time }
            if !isProtected, let since = protectedSince {
                protectedSpans.append(Span(start: since, end: time, open: false))
                protectedSince = nil
            }
        }
        if let since = protectedSince { protectedSpans.append(Span(start: since, end: end, open: true)) }

        let work = spans(records, opening: .workStarted, closing: .workFinished, end: end)
        let workSeconds = work.reduce(0) { $0 + $1.seconds }
        let coveredSeconds = work.reduce(0.0) { total, job in
            total + protectedSpans.reduce(0.0) { sum, span in
                sum + max(0, min(job.end, span.end).timeIntervalSince(max(job.start, span.start)))
            }
        }

        var errors: [ErrorSpan] = []
        var openError: (code: String, since: Date)?
        for record in records {
            if record.kind == .errorStarted {
                // The same error reported again (by the simulator and by the dashboard) goes on.
                if openError?.code == (record.fields["code"] ?? "error") { continue }
                if let open = openError {
                    errors.append(ErrorSpan(code: open.code, span: Span(start: open.since, end: record.time, open: false)))
                }
                openError = (record.fields["code"] ?? "error", record.time)
            } else if record.kind == .errorEnded, let open = openError {
                errors.append(ErrorSpan(code: open.code, span: Span(start: open.since, end: record.time, open: false)))
                openError = nil
            }
        }
        if let open = openError { errors.append(ErrorSpan(code: open.code, span: Span(start: open.since, end: end, open: true))) }

        return TaskReview(
            label: label, taskArn: arn,
            protectedSeconds: protectedSpans.reduce(0) { $0 + $1.seconds },
            unprotectedDuringWorkSeconds: max(0, workSeconds - coveredSeconds),
            workSeconds: workSeconds,
            errors: errors,
            lapses: records.filter { $0.kind == .lapse }.map(\.time),
            actions: records.filter { $0.kind == .operatorAction }.map(action))
    }
}

extension TimelineSummary {
    /// The review as text for a terminal; every value from the file passes through ``TerminalSafeText``.
    public func rendered(file: String) -> String {
        let total = end.timeIntervalSince(start)
        var lines: [String] = []
        lines.append("Review of \(file): \(recordCount) events, \(Self.clock(start)) to \(Self.clock(end)) UTC (\(Self.duration(total)))")
        if let scenarioName { lines.append("Scenario: \(scenarioName)") }
        for span in agentDown { lines.append("Agent down \(Self.spanText(span))") }
        for span in apiDown { lines.append("ECS API down \(Self.spanText(span))") }
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
            for action in task.actions {
                lines.append("  operator                  \(Self.clock(action.time))  \(action.action) by \(action.user)")
            }
        }
        return lines.map { TerminalSafeText.excerpt($0, limit: 400) }.joined(separator: "\n") + "\n"
    }

    private static func spanText(_ span: Span) -> String {
        "\(duration(span.seconds)) (\(clock(span.start)) to \(span.open ? "the end, still going" : clock(span.end)))"
    }

    /// `HH:MM:SS.mmm` in UTC.
    static func clock(_ date: Date) -> String {
        let stamp = TimelineRecord.timestamp(date)
        guard let t = stamp.firstIndex(of: "T") else { return stamp }
        return String(stamp[stamp.index(after: t)...].dropLast())
    }

    /// `1h02m03s`, `4m05s`, `42s`, `7.2s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds) }
        if seconds < 59.5 { return "\(Int(seconds.rounded()))s" }
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole % 3600 / 60, whole % 60)
        return hours > 0 ? String(format: "%dh%02dm%02ds", hours, minutes, secs) : String(format: "%dm%02ds", minutes, secs)
    }
}
