import FoundationEssentials
import ProtectionCore

/// One row of a drill's review, as `timeline --format json|csv` writes it and the Markdown review
/// lays it out: the same rows in every machine-readable form, so a spreadsheet and a script see
/// what the post-mortem document says.
public struct TimelineReviewRow: Sendable, Equatable {
    /// Which part of the review a row belongs to.
    public enum Section: String, Sendable, CaseIterable {
        /// Per task: time protected, work, unprotected while working (one row each).
        case summary
        /// One stretch a task was protected.
        case protection
        /// One thing an operator did, with the outcome of the PUT it sent.
        case action
        /// An alert a dashboard raised.
        case alert
        /// Protection ran out while it was expected to hold.
        case lapse
        /// A stretch work ran on a task that was not protected.
        case risk
        /// A task answering with an error or failure.
        case error
        /// The agent, the ECS API or task discovery down.
        case outage
        /// Keep-protected renewals sent and failed.
        case keep
    }

    /// The column names, in order (the CSV header and the JSON keys).
    public static let columns = ["section", "start", "end", "seconds", "open", "label", "task", "item", "detail", "outcome"]

    public var section: Section
    /// When it happened, or when the stretch began.
    public var start: Date?
    /// When the stretch ended (for stretches).
    public var end: Date?
    /// How long, for stretches and totals.
    public var seconds: Double?
    /// Whether the record ended before the stretch did.
    public var open: Bool
    /// The task's label and ARN (empty for rows about the whole drill).
    public var label: String
    public var task: String
    /// What (`protected`, `protect 120m`, `lapsed`, an error code, `agent down`, …).
    public var item: String
    /// More about it (who, how much time was left, scenario seconds, failures).
    public var detail: String
    /// What came of an action (`ok`, a failure reason); empty otherwise.
    public var outcome: String

    /// Creates a row.
    public init(section: Section, start: Date? = nil, end: Date? = nil, seconds: Double? = nil, open: Bool = false,
                label: String = "", task: String = "", item: String, detail: String = "", outcome: String = "") {
        self.section = section
        self.start = start
        self.end = end
        self.seconds = seconds
        self.open = open
        self.label = label
        self.task = task
        self.item = item
        self.detail = detail
        self.outcome = outcome
    }

    /// The row's cells as text, in ``columns`` order: times in RFC 3339 with milliseconds,
    /// seconds with three decimals, `open` as `true`/`false`. Text is as the file holds it;
    /// each format makes it safe for its own destination.
    public var cells: [String] {
        [section.rawValue, start.map(TimelineRecord.timestamp) ?? "", end.map(TimelineRecord.timestamp) ?? "",
         seconds.map { DecimalText.fixed($0, decimals: 3) } ?? "", open ? "true" : "false", label, task, item, detail, outcome]
    }
}
