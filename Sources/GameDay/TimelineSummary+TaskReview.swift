import FoundationEssentials

/// One task's review: protection over time, lapses, alerts, actions, errors and work at risk.
extension TimelineSummary {
    /// Protection as the records tell it: `state` and `put.confirmed` carry `state`; a lapse ends it.
    static func protectionChanges(_ records: [TimelineRecord]) -> [(Date, Bool)] {
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
    static func lapses(_ records: [TimelineRecord]) -> [Date] {
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

    static func review(records: [TimelineRecord], label: String, outages: [Span], end: Date) -> TaskReview {
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
    static func uncovered(_ job: Span, by covering: [Span]) -> [Span] {
        var gaps: [Span] = []
        var from = job.start
        for span in covering where span.end > from && span.start < job.end {
            if span.start > from { gaps.append(Span(start: from, end: span.start, open: false)) }
            from = max(from, span.end)
        }
        if from < job.end { gaps.append(Span(start: from, end: job.end, open: job.open)) }
        return gaps
    }

    static func alert(_ record: TimelineRecord) -> Alert? {
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
    static func actions(_ records: [TimelineRecord]) -> [Action] {
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
    static func errors(_ records: [TimelineRecord], outages: [Span], end: Date) -> [ErrorSpan] {
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

    static func errorSpans(_ records: [TimelineRecord], end: Date) -> [ErrorSpan] {
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
