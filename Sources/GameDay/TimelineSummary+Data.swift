import FoundationEssentials
import ProtectionCore
import SafeText

extension TimelineSummary {
    /// The review's rows as CSV (RFC 4180): the ``TimelineReviewRow/columns`` header, then one
    /// line per row, CRLF-ended; every field passes ``CSVField``.
    public func csv() -> String {
        CSVField.record(TimelineReviewRow.columns) + rows.map { CSVField.record($0.cells) }.joined()
    }

    /// The review as one JSON document: the drill (id, file, first and last record, events,
    /// scenario) and its rows, each an object keyed by ``TimelineReviewRow/columns`` (`seconds` a
    /// number, `open` a boolean, an absent time `null`). Strings are escaped as the events file's
    /// are, so no control, bidi or invisible format character is written raw.
    public func json(file: String, drill: TimelineDrill? = nil) -> String {
        func quote(_ text: String) -> String { JSONString.literal(text, alsoEscaping: TerminalSafeText.isUnsafeInJSON) }
        func optional(_ text: String?) -> String { text.map(quote) ?? "null" }
        var lines = ["{"]
        lines.append("  \"file\": \(quote(file)),")
        lines.append("  \"drill\": \(optional(drill?.id)),")
        lines.append("  \"scenario\": \(optional(scenarioName)),")
        lines.append("  \"start\": \(quote(TimelineRecord.timestamp(start))),")
        lines.append("  \"end\": \(quote(TimelineRecord.timestamp(end))),")
        lines.append("  \"events\": \(recordCount),")
        let objects = rows.map { row -> String in
            let cells = row.cells
            let members = TimelineReviewRow.columns.indices.map { index -> String in
                let name = TimelineReviewRow.columns[index], value = cells[index]
                let literal: String = switch name {
                case "seconds": value.isEmpty ? "null" : value
                case "open": value
                case "start", "end": value.isEmpty ? "null" : quote(value)
                default: quote(value)
                }
                return "\(quote(name)): \(literal)"
            }
            return "    {" + members.joined(separator: ", ") + "}"
        }
        lines.append(objects.isEmpty ? "  \"rows\": []" : "  \"rows\": [\n" + objects.joined(separator: ",\n") + "\n  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
