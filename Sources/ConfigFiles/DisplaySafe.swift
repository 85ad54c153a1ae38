/// Makes text from a file or the command line safe to echo on a terminal: control characters
/// (escape sequences, carriage returns, bidirectional overrides) become visible `\u{…}` escapes,
/// and long values are cut short.
public enum DisplaySafe {
    /// Longest text echoed, in characters, before it is cut with `…`.
    public static let maximumLength = 120

    public static func text(_ raw: String, maximumLength: Int = maximumLength) -> String {
        var shown = ""
        var count = 0
        for scalar in raw.unicodeScalars {
            if count >= maximumLength {
                shown += "…"
                break
            }
            if isUnsafe(scalar) {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return shown
    }

    /// Quoted with `'`, for values inside a message.
    public static func quoted(_ raw: String) -> String { "'\(text(raw))'" }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        default:
            return false
        }
    }
}
