import FoundationEssentials
import ProtectionCore

extension TimelineSummary {
    /// The review as rows: per task its summary, protection, actions, alerts, lapses, work at risk,
    /// errors and renewals; then the drill's outages and the actions not about one task.
    public var rows: [TimelineReviewRow] {
        var rows: [TimelineReviewRow] = []
        for task in tasks {
            func row(_ section: TimelineReviewRow.Section, start: Date? = nil, end: Date? = nil, seconds: Double? = nil, open: Bool = false,
                     item: String, detail: String = "", outcome: String = "") -> TimelineReviewRow {
                TimelineReviewRow(section: section, start: start, end: end, seconds: seconds, open: open, label: task.label, task: task.taskArn,
                                  item: item, detail: detail, outcome: outcome)
            }
            rows.append(row(.summary, seconds: task.protectedSeconds, item: "protected"))
            if task.workSeconds > 0 {
                rows.append(row(.summary, seconds: task.workSeconds, item: "work"))
                rows.append(row(.summary, seconds: task.unprotectedDuringWorkSeconds, item: "unprotected while working"))
            }
            for span in task.protectedSpans {
                rows.append(row(.protection, start: span.start, end: span.end, seconds: span.seconds, open: span.open, item: "protected"))
            }
            for action in task.actions {
                rows.append(row(.action, start: action.time, item: action.action, detail: action.user, outcome: action.outcome ?? ""))
            }
            for alert in task.alerts {
                rows.append(row(.alert, start: alert.time, item: alert.alert, detail: alert.remaining.map { "\($0)s left" } ?? ""))
            }
            for lapse in task.lapses { rows.append(row(.lapse, start: lapse, item: "lapsed")) }
            for span in task.workAtRisk {
                rows.append(row(.risk, start: span.start, end: span.end, seconds: span.seconds, open: span.open, item: "unprotected while working"))
            }
            for error in task.errors {
                rows.append(row(.error, start: error.span.start, end: error.span.end, seconds: error.span.seconds, open: error.span.open,
                                item: error.code, detail: Self.scenarioDetail(error.span)))
            }
            if task.renewals > 0 {
                let failures = Set(task.renewalFailures).sorted().joined(separator: " ")
                rows.append(row(.keep, item: "renewals", detail: "\(task.renewals) sent, \(task.renewalFailures.count) failed",
                                outcome: failures))
            }
        }
        let outages = agentDown.map { ("agent down", "", $0) } + apiDown.map { ("ECS API down", "", $0) }
            + discoveryDown.map { ("task discovery failing", $0.code, $0.span) }
        for (item, code, span) in outages.sorted(by: { $0.2.start < $1.2.start }) {
            rows.append(TimelineReviewRow(section: .outage, start: span.start, end: span.end, seconds: span.seconds, open: span.open,
                                          item: item, detail: [code, Self.scenarioDetail(span)].filter { !$0.isEmpty }.joined(separator: "; ")))
        }
        for action in globalActions {
            rows.append(TimelineReviewRow(section: .action, start: action.time, item: action.action, detail: action.user, outcome: action.outcome ?? ""))
        }
        return rows
    }

    private static func scenarioDetail(_ span: Span) -> String {
        span.scenarioSeconds.map { DecimalText.fixed($0, decimals: 3) + "s of scenario time" } ?? ""
    }
}
