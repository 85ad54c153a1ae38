/// The `/` filter as the operator typed it, read the way k9s reads one: a regular expression over
/// every column a row shows (label, task ARN, service, state, staleness, problem, last action),
/// case-insensitive unless it has a capital letter; a leading `!` keeps the rows that do not
/// match. State words match from their start, so `PROTECTED` (or `prot`) does not find
/// UNPROTECTED rows. Text that is
/// not a valid expression is matched literally, so a stray `(` still filters.
public struct RowFilter: Sendable, Equatable {
    /// What was typed, `!` included.
    public let text: String
    /// Whether rows that match are hidden rather than shown.
    public let negated: Bool
    /// The expression (or literal) without the `!`.
    public let pattern: String
    /// Smart case: only a pattern with a capital letter tells case apart.
    public let caseSensitive: Bool
    /// Whether ``pattern`` compiles as a regular expression; when not, it is matched literally.
    public let isRegularExpression: Bool

    /// Reads `text`; nil when it filters nothing (empty, or only `!`).
    public init?(_ text: String) {
        let negated = text.hasPrefix("!")
        let pattern = negated ? String(text.dropFirst()) : text
        guard !pattern.isEmpty else { return nil }
        self.text = text
        self.negated = negated
        self.pattern = pattern
        caseSensitive = pattern.contains { $0.isUppercase }
        // Plain text needs no expression engine: substring search is far cheaper on thousands of rows.
        let hasMetacharacters = pattern.contains { Self.metacharacters.contains($0) }
        isRegularExpression = hasMetacharacters && (try? Regex(pattern)) != nil
    }

    private static let metacharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// A matcher for one pass over the rows: the expression compiled once.
    func matcher() -> Matcher { Matcher(self) }

    /// Matches one row's texts; made for a single pass and then dropped.
    struct Matcher {
        private let filter: RowFilter
        private let regex: Regex<AnyRegexOutput>?
        private let needle: String

        init(_ filter: RowFilter) {
            self.filter = filter
            if filter.isRegularExpression, let compiled = try? Regex(filter.pattern) {
                regex = filter.caseSensitive ? compiled : compiled.ignoresCase()
            } else {
                regex = nil
            }
            needle = filter.caseSensitive ? filter.pattern : filter.pattern.lowercased()
        }

        /// Whether a row whose state column reads one of `words` (matched from their start) and
        /// whose other columns read `texts` (matched anywhere) passes the filter.
        func passes(words: [String], texts: [String]) -> Bool {
            matches(words: words, texts: texts) != filter.negated
        }

        private func matches(words: [String], texts: [String]) -> Bool {
            if let regex {
                return words.contains { (try? regex.prefixMatch(in: $0)) != nil }
                    || texts.contains { (try? regex.firstMatch(in: $0)) != nil }
            }
            if filter.caseSensitive {
                return words.contains { $0.hasPrefix(needle) } || texts.contains { $0.contains(needle) }
            }
            return words.contains { $0.lowercased().hasPrefix(needle) } || texts.contains { $0.lowercased().contains(needle) }
        }
    }
}
