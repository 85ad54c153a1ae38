import Foundation
import ProtectionCore
import SafeText

/// One event of a drill, as one JSON Lines record:
/// `{"fields":{…},"kind":"put.sent","label":"web-1","task":"arn:…","time":"2026-11-27T16:45:21.123Z"}`.
public struct TimelineRecord: Sendable, Equatable {
    /// When it happened, by the local clock.
    public var time: Date
    /// The task's ARN, when the event is about one task.
    public var taskArn: String?
    /// The task's label, when the event is about one task.
    public var label: String?
    /// What happened.
    public var kind: TimelineKind
    /// Details, by name; values are text.
    public var fields: [String: String]

    /// Creates a record.
    public init(time: Date, taskArn: String? = nil, label: String? = nil, kind: TimelineKind, fields: [String: String] = [:]) {
        self.time = time
        self.taskArn = taskArn
        self.label = label
        self.kind = kind
        self.fields = fields
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
            ("fields", object(fields.map { ($0.key, quote($0.value)) })),
        ]
        if let taskArn { members.append(("task", quote(taskArn))) }
        if let label { members.append(("label", quote(label))) }
        return object(members)
    }

    /// Reads one line written by ``jsonLine()``; `nil` when it is not a timeline record.
    public init?(jsonLine line: Substring) {
        guard line.utf8.count <= 65_536,
              let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
              let timeText = object["time"] as? String, let time = RFC3339.parse(timeText),
              let kind = object["kind"] as? String, !kind.isEmpty else { return nil }
        let rawFields = object["fields"] as? [String: Any] ?? [:]
        var fields: [String: String] = [:]
        for (key, value) in rawFields {
            if let text = value as? String { fields[key] = text } else if let number = value as? NSNumber { fields[key] = number.stringValue }
        }
        self.init(time: time, taskArn: object["task"] as? String, label: object["label"] as? String,
                  kind: TimelineKind(rawValue: kind), fields: fields)
    }
}
