/// A regular expression for the `/` filter, compiled for a matcher whose time is linear in the
/// text (``FilterPatternMatcher``), as Go's and RE2's are: a typed filter runs on every row after
/// every answer, and a backtracking engine takes minutes on `(a+)+$` over 30 characters.
///
/// The syntax is the common subset: literals, `.`, classes (`[a-z0-9_]`, `[^…]`, `\d \w \s` and
/// their negations), anchors `^ $`, groups `( )` and `(?: )`, alternation `|`, and the
/// quantifiers `* + ? {m} {m,} {m,n}` (counts up to 100). Backreferences and lookaround, which
/// no linear-time engine can offer, are refused.
struct FilterPattern: Sendable, Equatable {
    /// One instruction of the compiled program.
    enum Instruction: Sendable, Equatable {
        /// Consume one character that the class accepts.
        case character(CharacterClass)
        /// Continue at both targets (the first preferred; preference does not matter for a filter).
        case split(Int, Int)
        case jump(Int)
        /// Only at the start, or only at the end, of the text.
        case assertStart, assertEnd
        case match
    }

    /// Why a pattern cannot be compiled.
    struct SyntaxError: Error, Equatable {
        let message: String
    }

    /// The most instructions a pattern may compile to: bounded matching cost per character.
    static let maximumProgramSize = 2_000
    /// The largest count `{m,n}` may give.
    static let maximumRepeat = 100

    let program: [Instruction]
    /// Whether the pattern has a capital letter among its literal characters (`\W` does not count).
    let hasCapital: Bool

    init(_ pattern: String) throws(SyntaxError) {
        var parser = FilterPatternParser(pattern)
        let node = try parser.parse()
        hasCapital = parser.sawCapital
        var compiler = FilterPatternCompiler()
        try compiler.emit(node)
        compiler.append(.match)
        program = compiler.program
    }
}

/// A set of characters one step of a pattern accepts.
struct CharacterClass: Sendable, Equatable {
    /// A piece of a class: one character, an inclusive range, or a named set.
    enum Item: Sendable, Equatable {
        case character(Character)
        case range(Character, Character)
        case digit, word, space
    }

    var items: [Item]
    var negated = false
    /// `.`: any character.
    var any = false

    static let anything = CharacterClass(items: [], any: true)

    func accepts(_ character: Character) -> Bool {
        if any { return true }
        let found = items.contains { item in
            switch item {
            case .character(let single): single == character
            case .range(let low, let high): low <= character && character <= high
            case .digit: character.isASCII && character.isNumber
            case .word: character == "_" || character.isLetter || character.isNumber
            case .space: character.isWhitespace
            }
        }
        return found != negated
    }
}
