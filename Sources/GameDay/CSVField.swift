import SafeText

/// One CSV field (RFC 4180), safe for a spreadsheet and a terminal alike.
///
/// Text from an events file is hostile: a cell starting with `=`, `+`, `-` or `@` is a formula
/// to a spreadsheet (`=HYPERLINK(…)`, `@SUM(…)`), so it gets a leading `'`; control, bidi and
/// invisible format characters become visible escapes (``TerminalSafeText``), so no raw line
/// break or escape sequence survives either. A field holding a comma, a quote or a line break is
/// quoted, its quotes doubled.
public enum CSVField {
    /// `text` as one field.
    public static func encode(_ text: String) -> String {
        var safe = TerminalSafeText.inert(text)
        if let first = safe.unicodeScalars.first, formulaStarts.contains(first) { safe = "'" + safe }
        // Scalars, not characters: a quote with a combining mark after it is still a quote to a CSV reader.
        guard safe.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingEvery("\"", with: "\"\"") + "\""
    }

    /// What a spreadsheet takes as the start of a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@"]

    /// One record: the fields joined by commas, ended by CRLF as RFC 4180 has it.
    public static func record(_ fields: [String]) -> String {
        fields.map(encode).joined(separator: ",") + "\r\n"
    }
}
