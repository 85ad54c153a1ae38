import FoundationEssentials

/// Outages of the agent, the ECS API and task discovery, from the records of each source.
extension TimelineSummary {
    static func action(_ record: TimelineRecord, outcome: String? = nil) -> Action {
        Action(time: record.time, action: record.fields["action"] ?? "?", user: record.fields["user"] ?? "?", outcome: outcome)
    }

    /// Whether the record tells what the world did (a scenario recorded it) rather than what a
    /// watcher saw. Files from before the schema had no scenario time; their simulator's errors
    /// name the injected fault.
    static func isWorld(_ record: TimelineRecord) -> Bool {
        record.scenarioTime != nil || record.fields["fault"] != nil
    }

    /// The records split by the process that wrote them (all together for files without runs).
    static func bySource(_ records: [TimelineRecord]) -> [[TimelineRecord]] {
        var order: [String?] = []
        var groups: [String?: [TimelineRecord]] = [:]
        for record in records {
            if groups[record.run] == nil { order.append(record.run) }
            groups[record.run, default: []].append(record)
        }
        return order.map { groups[$0] ?? [] }
    }

    static func spans(_ records: [TimelineRecord], opening: TimelineKind, closing: TimelineKind, end: Date) -> [Span] {
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

    static func span(from first: TimelineRecord, to last: TimelineRecord, end: Date) -> Span {
        let scenario = zip2(first.scenarioTime, last.scenarioTime).flatMap { first.run == last.run ? max(0, $1 - $0) : nil }
        return Span(start: first.time, end: last.time, open: false, scenarioSeconds: scenario)
    }

    static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
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

    static func discoveryOutages(_ records: [TimelineRecord], end: Date) -> [ErrorSpan] {
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
