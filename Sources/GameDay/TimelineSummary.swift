import Foundation
import SafeText

/// The review of a drill, computed from its timeline: per task, time protected, time unprotected
/// while work ran, errors with their durations, lapses, alerts, keep renewals and every operator
/// action with its outcome.
///
/// A drill's records may come from several processes: the simulator playing a scenario (whose
/// records carry scenario time, and say what the world did) and dashboards or commands watching it
/// (which say what they saw, a poll later). Where both speak of the same thing, the world's account
/// wins: protection, work and lapses come from it, and an error a watcher saw while the world had
/// the same error injected is that error, not another one. Each lapse, outage and action is
/// reported once, and each task under one label, keyed by its ARN.
public struct TimelineSummary: Sendable {
    /// One stretch of time.
    public struct Span: Sendable, Equatable {
        public var start: Date
        public var end: Date
        /// Whether the timeline ended before the stretch did.
        public var open: Bool
        /// The stretch in scenario time, when a scenario recorded both of its ends.
        public var scenarioSeconds: Double?
        public var seconds: Double { max(0, end.timeIntervalSince(start)) }

        /// Creates a span.
        public init(start: Date, end: Date, open: Bool, scenarioSeconds: Double? = nil) {
            self.start = start
            self.end = end
            self.open = open
            self.scenarioSeconds = scenarioSeconds
        }

        func overlaps(_ other: Span) -> Bool { start <= other.end && other.start <= end }
    }

    /// An error that started and (maybe) ended.
    public struct ErrorSpan: Sendable, Equatable {
        public var code: String
        public var span: Span
    }

    /// Something an operator did, and what came of it.
    public struct Action: Sendable, Equatable {
        public var time: Date
        public var action: String
        public var user: String
        /// The answer to the PUT it sent (`ok`, a failure reason or error code), when recorded.
        public var outcome: String?

        /// Creates an action.
        public init(time: Date, action: String, user: String, outcome: String? = nil) {
            self.time = time
            self.action = action
            self.user = user
            self.outcome = outcome
        }
    }

    /// An alert a dashboard raised.
    public struct Alert: Sendable, Equatable {
        public var time: Date
        /// `expiring` or `lapsed`.
        public var alert: String
        /// Seconds left, for `expiring`.
        public var remaining: Int?
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
        public var alerts: [Alert] = []
        /// Keep-protected renewals sent, and the reasons of those that failed.
        public var renewals = 0
        public var renewalFailures: [String] = []
        /// The stretches it was protected, in order (their sum is ``protectedSeconds``).
        public var protectedSpans: [Span] = []
        /// The stretches work ran on it while it was not protected: work at risk of scale-in
        /// (their sum is ``unprotectedDuringWorkSeconds``).
        public var workAtRisk: [Span] = []
    }

    /// First and last record times.
    public var start: Date
    public var end: Date
    /// How many records.
    public var recordCount: Int
    /// The scenario's name, when one played.
    public var scenarioName: String?
    /// Stretches with the agent down, with the ECS API down, and with task discovery failing.
    public var agentDown: [Span]
    public var apiDown: [Span]
    public var discoveryDown: [ErrorSpan] = []
    /// Actions not about one task.
    public var globalActions: [Action]
    /// Per task, in order of first appearance.
    public var tasks: [TaskReview]

    /// Builds the review from one drill's records (any order; they are sorted by wall time, stably).
    public init(records unsorted: [TimelineRecord]) {
        let records = unsorted.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let start = records.first?.time ?? Date(timeIntervalSince1970: 0)
        let end = records.last?.time ?? start
        self.start = start
        self.end = end
        recordCount = records.count
        scenarioName = records.first { $0.kind == .scenarioStarted }?.fields["name"]
        agentDown = Self.union(Self.bySource(records).flatMap { Self.spans($0, opening: .agentDown, closing: .agentUp, end: end) })
        apiDown = Self.union(Self.bySource(records).flatMap { Self.spans($0, opening: .apiDown, closing: .apiUp, end: end) })
        discoveryDown = Self.discoveryOutages(records, end: end)
        globalActions = records.filter { $0.kind == .operatorAction && $0.taskArn == nil && $0.label == nil }.map { Self.action($0) }

        let identity = TaskIdentity(records)
        var order: [String] = []
        var byTask: [String: [TimelineRecord]] = [:]
        for record in records {
            guard let key = identity.key(of: record) else { continue }
            if byTask[key] == nil { order.append(key) }
            byTask[key, default: []].append(record)
        }
        let outages = agentDown + apiDown
        tasks = order.map { key in Self.review(records: byTask[key] ?? [], label: identity.label(of: key), outages: outages, end: end) }
    }

    private static func action(_ record: TimelineRecord, outcome: String? = nil) -> Action {
        Action(time: record.time, action: record.fields["action"] ?? "?", user: record.fields["user"] ?? "?", outcome: outcome)
    }

    /// Whether the record tells what the world did (a scenario recorded it) rather than what a
    /// watcher saw. Files from before the schema had no scenario time; their simulator's errors
    /// name the injected fault.
    static func isWorld(_ record: TimelineRecord) -> Bool {
        record.scenarioTime != nil || record.fields["fault"] != nil
    }

    /// The records split by the process that wrote them (all together for files without runs).
    private static func bySource(_ records: [TimelineRecord]) -> [[TimelineRecord]] {
        var order: [String?] = []
        var groups: [String?: [TimelineRecord]] = [:]
        for record in records {
            if groups[record.run] == nil { order.append(record.run) }
            groups[record.run, default: []].append(record)
        }
        return order.map { groups[$0] ?? [] }
    }

    private static func spans(_ records: [TimelineRecord], opening: TimelineKind, closing: TimelineKind, end: Date) -> [Span] {
        var spans: [Span] = []
        var opened: TimelineRecord?
        for record in records {
            if record.kind == opening, opened == nil { opened = record }
            if record.kind == closing, let first = opened {
                spans.append(span(from: first, to: record, end: end))
                opened = nil
            }
        }
        if let first = opened { spans.append(Span(start: first.time, end: end, open: true)) }
        return spans
    }

    private static func span(from first: TimelineRecord, to last: TimelineRecord, end: Date) -> Span {
        let scenario = zip2(first.scenarioTime, last.scenarioTime).flatMap { first.run == last.run ? max(0, $1 - $0) : nil }
        return Span(start: first.time, end: last.time, open: false, scenarioSeconds: scenario)
    }

    private static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    /// Overlapping stretches (the same outage told by two processes) as one.
    static func union(_ spans: [Span]) -> [Span] {
        var merged: [Span] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, last.overlaps(span) {
                // The first account's times stand; a later end extends it.
                if span.end > last.end { merged[merged.count - 1].end = span.end }
                merged[merged.count - 1].open = last.open || span.open
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    private static func discoveryOutages(_ records: [TimelineRecord], end: Date) -> [ErrorSpan] {
        bySource(records).flatMap { source -> [ErrorSpan] in
            var spans: [ErrorSpan] = []
            var opened: TimelineRecord?
            for record in source where record.kind == .sourceHealth {
                if record.fields["health"] == "down", opened == nil { opened = record }
                if record.fields["health"] == "up", let first = opened {
                    spans.append(ErrorSpan(code: first.fields["code"] ?? "error", span: span(from: first, to: record, end: end)))
                    opened = nil
                }
            }
            if let first = opened { spans.append(ErrorSpan(code: first.fields["code"] ?? "error", span: Span(start: first.time, end: end, open: true))) }
            return spans
        }
    }
}

// MARK: One task

extension TimelineSummary {
    /// Protection as the records tell it: `state` and `put.confirmed` carry `state`; a lapse ends it.
    private static func protectionChanges(_ records: [TimelineRecord]) -> [(Date, Bool)] {
        records.compactMap { record in
            switch record.kind {
            case .state, .putConfirmed:
                guard let state = record.fields["state"] else { return nil }
                return (record.time, state == "protected")
            case .lapse:
                return (record.time, false)
            case .alert where record.fields["alert"] == "lapsed":
                return (record.time, false)
            default:
                return nil
            }
        }
    }

    /// Each lapse once: a task cannot lapse again before it was protected again (the simulator
    /// and a dashboard both reporting one lapse, a dashboard's alert after the world's record).
    private static func lapses(_ records: [TimelineRecord]) -> [Date] {
        var lapses: [Date] = []
        var armed = true
        for record in records {
            switch record.kind {
            case .state, .putConfirmed:
                if record.fields["state"] == "protected" { armed = true }
            case .lapse:
                if armed { lapses.append(record.time) }
                armed = false
            case .alert where record.fields["alert"] == "lapsed":
                if armed { lapses.append(record.time) }
                armed = false
            default:
                break
            }
        }
        return lapses
    }

    private static func review(records: [TimelineRecord], label: String, outages: [Span], end: Date) -> TaskReview {
        let arn = records.compactMap(\.taskArn).last ?? ""
        // The world's account of protection, when a scenario gave one; else what was seen.
        let world = records.filter(isWorld)
        let protection = world.contains { $0.kind == .state || $0.kind == .putConfirmed } ? world : records
        var protectedSpans: [Span] = []
        var protectedSince: Date?
        for (time, isProtected) in protectionChanges(protection) {
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
        let lapseSource = world.contains { $0.kind == .lapse || $0.kind == .state } ? world : records
        return TaskReview(
            label: label, taskArn: arn,
            protectedSeconds: protectedSpans.reduce(0) { $0 + $1.seconds },
            unprotectedDuringWorkSeconds: max(0, workSeconds - coveredSeconds),
            workSeconds: workSeconds,
            errors: errors(records, outages: outages, end: end),
            lapses: lapses(lapseSource),
            actions: actions(records),
            alerts: records.compactMap(alert),
            renewals: records.filter { $0.kind == .keep && $0.fields["renewal"] == "sent" }.count,
            renewalFailures: records.filter { $0.kind == .putFailed && $0.fields["by"] == "keep" }.map { $0.fields["reason"] ?? "error" },
            protectedSpans: protectedSpans,
            workAtRisk: work.flatMap { uncovered($0, by: protectedSpans) })
    }

    /// The parts of `job` no span of `covering` (sorted, disjoint) covers.
    private static func uncovered(_ job: Span, by covering: [Span]) -> [Span] {
        var gaps: [Span] = []
        var from = job.start
        for span in covering where span.end > from && span.start < job.end {
            if span.start > from { gaps.append(Span(start: from, end: span.start, open: false)) }
            from = max(from, span.end)
        }
        if from < job.end { gaps.append(Span(start: from, end: job.end, open: job.open)) }
        return gaps
    }

    private static func alert(_ record: TimelineRecord) -> Alert? {
        switch record.kind {
        case .alert:
            Alert(time: record.time, alert: record.fields["alert"] ?? "?", remaining: record.fields["remaining"].flatMap { Int($0) })
        case .expiringSoon:
            Alert(time: record.time, alert: "expiring", remaining: record.fields["remaining"].flatMap { Int($0) })
        default:
            nil
        }
    }

    /// Operator actions, each with the answer to the PUT it sent from the same process.
    private static func actions(_ records: [TimelineRecord]) -> [Action] {
        var answers = records.enumerated().filter { _, record in
            (record.kind == .putConfirmed || record.kind == .putFailed) && (record.fields["by"] ?? "operator") == "operator"
        }.map(\.offset)
        var actions: [Action] = []
        for (offset, record) in records.enumerated() where record.kind == .operatorAction {
            let text = record.fields["action"] ?? ""
            var outcome: String?
            if text.hasPrefix("protect") || text.hasPrefix("unprotect"),
               let position = answers.firstIndex(where: { $0 > offset && records[$0].run == record.run }) {
                let answer = records[answers.remove(at: position)]
                outcome = answer.kind == .putConfirmed ? "ok" : (answer.fields["reason"] ?? "error")
            }
            actions.append(action(record, outcome: outcome))
        }
        return actions
    }

    /// Errors per process, then as one list: a watcher's error that overlaps the world's error of
    /// the same code is that error, and one that began during an outage the drill recorded (the agent
    /// or the ECS API down) is that outage, reported once above; watchers' accounts of one error are joined.
    private static func errors(_ records: [TimelineRecord], outages: [Span], end: Date) -> [ErrorSpan] {
        let world = errorSpans(records.filter(isWorld), end: end)
        var observed: [ErrorSpan] = []
        for source in bySource(records.filter { !isWorld($0) }) {
            observed += errorSpans(source, end: end).filter { seen in
                !world.contains { $0.code == seen.code && $0.span.overlaps(seen.span) }
                    && !outages.contains { $0.start <= seen.span.start && seen.span.start <= $0.end }
            }
        }
        var joined: [ErrorSpan] = []
        for code in Set(observed.map(\.code)) {
            joined += union(observed.filter { $0.code == code }.map(\.span)).map { ErrorSpan(code: code, span: $0) }
        }
        return (world + joined).sorted { ($0.span.start, $0.code) < ($1.span.start, $1.code) }
    }

    private static func errorSpans(_ records: [TimelineRecord], end: Date) -> [ErrorSpan] {
        var errors: [ErrorSpan] = []
        var open: (code: String, since: TimelineRecord)?
        for record in records {
            if record.kind == .errorStarted {
                let code = record.fields["code"] ?? "error"
                if open?.code == code { continue }
                if let current = open { errors.append(ErrorSpan(code: current.code, span: span(from: current.since, to: record, end: end))) }
                open = (code, record)
            } else if record.kind == .errorEnded, let current = open {
                errors.append(ErrorSpan(code: current.code, span: span(from: current.since, to: record, end: end)))
                open = nil
            }
        }
        if let current = open { errors.append(ErrorSpan(code: current.code, span: Span(start: current.since.time, end: end, open: true))) }
        return errors
    }
}

/// Which task a record is about: its ARN when any record ties its label to one, and one label
/// per task for display (the scenario's, else the first seen).
private struct TaskIdentity {
    private var arnByRunLabel: [String: String] = [:]
    private var arnByLabel: [String: String?] = [:]
    private var labels: [String: String] = [:]

    init(_ records: [TimelineRecord]) {
        for record in records {
            guard let arn = record.taskArn, let label = record.label else { continue }
            arnByRunLabel[Self.runLabel(record.run, label)] = arn
            // A label tied to two ARNs (a task replaced under the same name) ties to neither.
            if let known = arnByLabel[label] { if known != arn { arnByLabel[label] = .some(nil) } } else { arnByLabel[label] = arn }
        }
        // The scenario's labels first, each group in file order.
        for record in records.filter(TimelineSummary.isWorld) + records.filter({ !TimelineSummary.isWorld($0) }) {
            guard let key = key(of: record), let label = record.label, labels[key] == nil else { continue }
            labels[key] = label
        }
    }

    private static func runLabel(_ run: String?, _ label: String) -> String { "\(run ?? "")\u{0}\(label)" }

    func key(of record: TimelineRecord) -> String? {
        if let arn = record.taskArn { return arn }
        guard let label = record.label else { return nil }
        if let arn = arnByRunLabel[Self.runLabel(record.run, label)] { return arn }
        if let arn = arnByLabel[label] ?? nil { return arn }
        return "label\u{0}" + label
    }

    func label(of key: String) -> String { labels[key] ?? "" }
}
