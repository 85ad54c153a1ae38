import SafeText

/// Text from an events file made inert for a Markdown document.
///
/// A label or an action may hold anything: control characters (made visible escapes by
/// ``TerminalSafeText``), and Markdown or HTML that would otherwise turn into links, images,
/// emphasis, raw HTML or break a table cell. Every character that starts such a construct is
/// escaped with a backslash, and `<`, `>` and `&` become entities, so the document shows
/// the text exactly as recorded and nothing else.
public enum MarkdownText {
    /// `text` as inert Markdown, fit for a table cell or a line of prose.
    public static func inert(_ text: String) -> String {
        var out = ""
        for character in TerminalSafeText.inert(text) {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default:
                if punctuation.contains(character) { out.append("\\") }
                out.append(character)
            }
        }
        return out
    }

    /// `text` as an inline code span, for ids and ARNs. Text holding a backtick (which would end
    /// the span) or a `|` (which ends a table cell even inside one) is escaped as prose instead.
    public static func code(_ text: String) -> String {
        let safe = TerminalSafeText.inert(text)
        guard !safe.isEmpty, !safe.contains("`" as Character), !safe.contains("|" as Character) else { return inert(text) }
        return "`" + safe + "`"
    }

    /// What starts an inline construct (code, emphasis, strike-through, a link or image, a table
    /// cell's end) or escapes one. Block constructs (`#`, `-`, `>` at a line's start) cannot
    /// occur: a value never starts a line of the document.
    private static let punctuation: Set<Character> = Set("\\`*_[]|~")
}
