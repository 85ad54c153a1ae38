import FoundationEssentials

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
}
