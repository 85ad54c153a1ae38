import ProtectionCore

/// Builds JSON text with a fixed key order, escaping strings the way Go's `encoding/json` does
/// (HTML-sensitive characters and U+2028/U+2029 as `\uXXXX`).
enum JSONText {
    /// A JSON string literal, with the characters Go escapes besides controls.
    static func string(_ value: String) -> String {
        JSONString.literal(value) { goEscapes.contains($0) }
    }

    /// HTML-sensitive characters and the line and paragraph separators.
    private static let goEscapes: Set<Unicode.Scalar> = ["<", ">", "&", "\u{2028}", "\u{2029}"]

    /// A string literal, or `null` for `nil`.
    static func optionalString(_ value: String?) -> String {
        value.map(string) ?? "null"
    }

    /// An object from already-encoded members, in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
