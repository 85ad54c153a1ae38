import FoundationEssentials
import ProtectionCore
import SafeText

/// One event of a drill, as one JSON Lines record (schema version 1, see docs/EVENTS.md):
/// `{"drill":"…","fields":{…},"kind":"put.sent","label":"web-1","run":"…","task":"arn:…","time":"2026-11-27T16:45:21.123Z","v":1}`.
///
/// Files written before the schema was versioned (no `v`, no drill or run) still read: their
/// records come back with ``version`` 0 and no drill, run or scenario time.
public struct TimelineRecord: Sendable, Equatable {
    /// The schema version this release writes.
    public static let currentVersion = 1

    /// When it happened, by the wall clock of the process that recorded it (UTC).
    public var time: Date
    /// The task's ARN, when the event is about one task: its identity.
    public var taskArn: String?
    /// The task's label, when the event is about one task: for display only.
    public var label: String?
    /// What happened.
    public var kind: TimelineKind
    /// Details, by name; values are text.
    public var fields: [String: String]
    /// The drill the record belongs to (all processes of one drill share it); `nil` in old files.
    public var drill: String?
    /// The process that wrote the record (one per process); `nil` in old files.
    public var run: String?
    /// Seconds since the scenario started, on the scenario's own clock, when a scenario recorded it.
    public var scenarioTime: Double?
    /// The schema version the record was read with (0: written before versions existed).
    public var version: Int

    /// Creates a record.
    public init(time: Date, taskArn: String? = nil, label: String? = nil, kind: TimelineKind, fields: [String: String] = [:],
                drill: String? = nil, run: String? = nil, scenarioTime: Double? = nil, version: Int = TimelineRecord.currentVersion) {
        self.time = time
        self.taskArn = taskArn
        self.label = label
        self.kind = kind
        self.fields = fields
        self.drill = drill
        self.run = run
        self.scenarioTime = scenarioTime
        self.version = version
    }

    /// RFC 3339 in UTC with exactly three fractional digits: `2026-11-27T16:45:21.120Z`.
    public static func timestamp(_ date: Date) -> String {
        // Truncate to the millisecond first so the text never rounds up past the event.
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000
        let text = RFC3339.format(Date(timeIntervalSince1970: millis))
        guard text.hasSuffix("Z") else { return text }
        let body = text.dropLast()
        guard let dot = body.firstIndex(of: ".") else { return body + ".000Z" }
        let fraction = body[body.index(after: dot)...]
        return body + String(repeating: "0", count: max(0, 3 - fraction.count)) + "Z"
    }

    /// The record as one line of JSON, without the newline. Keys are sorted (files stay
    /// diffable); every string passes the output boundary: controls, DEL, C1, bidi and invisible
    /// format characters are written as `\uXXXX` (``TerminalSafeText/isUnsafeInJSON(_:)``), so a file
    /// shown with `cat` or `tail -f` is as inert as the dashboard, and the value still reads back.
    public func jsonLine() -> String {
        func quote(_ text: String) -> String { JSONString.literal(text, alsoEscaping: TerminalSafeText.isUnsafeInJSON) }
        func object(_ members: [(String, String)]) -> String {
            "{" + members.sorted { $0.0 < $1.0 }.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
        }
        var members: [(String, String)] = [
            ("time", quote(Self.timestamp(time))), ("kind", quote(kind.rawValue)),
            ("fields", object(fields.map { ($0.key, quote($0.value)) })), ("v", String(version)),
        ]
        if let taskArn { members.append(("task", quote(taskArn))) }
        if let label { members.append(("label", quote(label))) }
        if let drill { members.append(("drill", quote(drill))) }
        if let run { members.append(("run", quote(run))) }
        // Milliseconds, like the wall time; a non-finite value has no JSON form and is left out.
        if let scenarioTime, scenarioTime.isFinite {
            members.append(("scenarioTime", DecimalText.fixed((scenarioTime * 1000).rounded(.down) / 1000, decimals: 3)))
        }
        return object(members)
    }

    /// Reads one line written by ``jsonLine()`` (or by a release before versions); `nil` when it
    /// is not a timeline record.
    public init?(jsonLine line: Substring) {
        guard line.utf8.count <= 65_536,
              let object = JSONValue.parseWhole(Array(line.utf8))?.members,
              let timeText = object["time"]?.string, let time = RFC3339.parse(timeText),
              let kind = object["kind"]?.string, !kind.isEmpty else { return nil }
        // A version is a small whole number; anything else is not a record of ours.
        var version = 0
        if let raw = object["v"] {
            guard let number = raw.recordNumber, let whole = Int(exactly: number), (1...1000).contains(whole) else { return nil }
            version = whole
        }
        let rawFields = object["fields"]?.members ?? [:]
        var fields: [String: String] = [:]
        for (key, value) in rawFields {
            if let text = value.string ?? value.recordNumberText { fields[key] = text }
        }
        let scenarioTime = object["scenarioTime"]?.recordNumber.flatMap { $0.isFinite ? $0 : nil }
        self.init(time: time, taskArn: Self.text(object["task"]), label: Self.text(object["label"]),
                  kind: TimelineKind(rawValue: kind), fields: fields,
                  drill: version > 0 ? Self.text(object["drill"]) : nil, run: version > 0 ? Self.text(object["run"]) : nil,
                  scenarioTime: version > 0 ? scenarioTime : nil, version: version)
    }

    /// A non-empty string, else `nil`.
    private static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.string, !text.isEmpty else { return nil }
        return text
    }

    /// This record as `identity`'s: its drill and run, unless it already names them.
    public func stamped(_ identity: DrillIdentity) -> TimelineRecord {
        var copy = self
        copy.drill = copy.drill ?? identity.drill
        copy.run = copy.run ?? identity.run
        return copy
    }
}
