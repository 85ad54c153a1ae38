import FoundationEssentials

/// Which task a record is about: its ARN when any record ties its label to one, and one label
/// per task for display (the scenario's, else the first seen).
struct TaskIdentity {
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

    static func runLabel(_ run: String?, _ label: String) -> String { "\(run ?? "")\u{0}\(label)" }

    func key(of record: TimelineRecord) -> String? {
        if let arn = record.taskArn { return arn }
        guard let label = record.label else { return nil }
        if let arn = arnByRunLabel[Self.runLabel(record.run, label)] { return arn }
        if let arn = arnByLabel[label] ?? nil { return arn }
        return "label\u{0}" + label
    }

    func label(of key: String) -> String { labels[key] ?? "" }
}
