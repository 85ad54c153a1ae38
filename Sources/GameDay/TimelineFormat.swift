/// The forms `ecs-protect timeline --format` writes a drill's review in.
public enum TimelineFormat: String, Sendable, CaseIterable {
    /// The review for a terminal (the default).
    case text
    /// A post-mortem section: summary, protection over time, actions, alerts and lapses, work at
    /// risk, source outages.
    case markdown
    /// The review's rows (``TimelineReviewRow``) as one JSON document.
    case json
    /// The same rows as CSV (RFC 4180), one header line then a row per line.
    case csv
}
