import ProtectionCore
import SafeText

/// The `--json` output of the one-shot commands: a JSON value that keeps object keys in the order
/// they were given, so it reads in the same order as the agent's own bodies. It only writes JSON;
/// ProtectionCore's `JSONValue` is the reader.
public enum JSONOutput: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    public static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool { lhs.serialized() == rhs.serialized() }

    public static func optional(_ text: String?) -> JSONOutput { text.map(JSONOutput.string) ?? .null }

    /// Compact when `indent` is nil, else pretty-printed with that many spaces per level.
    public func serialized(indent: Int? = nil, level: Int = 0) -> String {
        let newline = indent == nil ? "" : "\n"
        let pad = { (depth: Int) in String(repeating: " ", count: (indent ?? 0) * depth) }
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .string(let value): return Self.quote(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            let inner = items.map { pad(level + 1) + $0.serialized(indent: indent, level: level + 1) }
            return "[" + newline + inner.joined(separator: "," + newline) + newline + pad(level) + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let separator = indent == nil ? ":" : ": "
            let inner = members.map { key, value in
                pad(level + 1) + Self.quote(key) + separator + value.serialized(indent: indent, level: level + 1)
            }
            return "{" + newline + inner.joined(separator: "," + newline) + newline + pad(level) + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        // Controls, DEL, C1 and bidi controls as \uXXXX: a terminal showing the JSON stays inert.
        JSONString.literal(text, alsoEscaping: TerminalSafeText.isUnsafeInJSON)
    }
}
