/// The `/` filter as the operator typed it, read the way k9s reads one: a regular expression over
/// every column a row shows (label, task ARN, service, state, staleness, problem, last action),
/// case-insensitive unless it has a capital letter; a leading `!` keeps the rows that do not
/// match. State words match from their start, so `PROTECTED` (or `prot`) does not find
/// UNPROTECTED rows. Text that is not a valid expression is matched literally, so a stray `(`
/// still filters, and ``problem`` says why.
///
/// Expressions run on ``FilterPatternMatcher``, whose time is linear in the text: the filter
/// runs on every row after every answer, and no pattern may stall the dashboard.
public struct RowFilter: Sendable, Equatable {
    /// What was typed, `!` included.
    public let text: String
    /// Whether rows that match are hidden rather than shown.
    public let negated: Bool
    /// The expression (or literal) without the `!`.
    public let pattern: String
    /// Smart case: only a pattern with a capital letter tells case apart.
    public let caseSensitive: Bool
    /// Why the pattern is matched as plain text, when it has expression characters but is not a
    /// valid expression ("missing )").
    public let problem: String?
    private let compiled: FilterPattern?

    /// Reads `text`; nil when it filters nothing (empty, or only `!`).
    public init?(_ text: String) {
        let negated = text.hasPrefix("!")
        let pattern = negated ? String(text.dropFirst()) : text
        guard !pattern.isEmpty else { return nil }
        self.text = text
        self.negated = negated
        self.pattern = pattern
        // Plain text needs no expression engine: substring search is cheaper on thousands of rows.
        if pattern.contains(where: { Self.metacharacters.contains($0) }) {
            do {
                let expression = try FilterPattern(pattern)
                compiled = expression
                caseSensitive = expression.hasCapital
                problem = nil
            } catch {
                compiled = nil
                caseSensitive = pattern.contains { $0.isUppercase }
                problem = error.message
            }
        } else {
            compiled = nil
            caseSensitive = pattern.contains { $0.isUppercase }
            problem = nil
        }
    }

    private static let metacharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// Whether the pattern is matched as an expression (rather than as plain text).
    public var isRegularExpression: Bool { compiled != nil }

    /// A matcher for one pass over the rows.
    func matcher() -> Matcher { Matcher(self) }

    /// Matches one row's texts.
    struct Matcher {
        private let filter: RowFilter
        private let expression: FilterPatternMatcher?
        private let needle: String

        init(_ filter: RowFilter) {
            self.filter = filter
            expression = filter.compiled.map(FilterPatternMatcher.init)
            needle = filter.caseSensitive ? filter.pattern : filter.pattern.lowercased()
        }

        /// Whether a row whose state column reads one of `words` (matched from their start) and
        /// whose other columns read `texts` (matched anywhere) passes the filter.
        func passes(words: [String], texts: [String]) -> Bool {
            matches(words: words, texts: texts) != filter.negated
        }

        private func matches(words: [String], texts: [String]) -> Bool {
            let fold: (String) -> String = filter.caseSensitive ? { $0 } : { $0.lowercased() }
            if let expression {
                return words.contains { expression.matchesAtStart(fold($0)) } || texts.contains { expression.matches(fold($0)) }
            }
            return words.contains { fold($0).hasPrefix(needle) } || texts.contains { fold($0).contains(needle) }
        }
    }
}
