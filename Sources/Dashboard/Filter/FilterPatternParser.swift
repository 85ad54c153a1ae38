/// A filter pattern read into a tree; see ``FilterPattern`` for the syntax.
indirect enum FilterPatternNode: Sendable, Equatable {
    case characters(CharacterClass)
    case start, end
    case concatenation([FilterPatternNode])
    case alternation([FilterPatternNode])
    /// `max` nil: no upper bound.
    case repetition(FilterPatternNode, min: Int, max: Int?)
}

/// Reads a pattern into a ``FilterPatternNode``, refusing what a linear-time matcher cannot do.
struct FilterPatternParser {
    private let characters: [Character]
    private var index = 0
    /// Whether a literal character (not an escape's letter) was a capital: smart case.
    private(set) var sawCapital = false

    init(_ pattern: String) {
        characters = Array(pattern)
    }

    mutating func parse() throws(FilterPattern.SyntaxError) -> FilterPatternNode {
        let node = try alternation()
        if index < characters.count { throw FilterPattern.SyntaxError(message: "unmatched )") }
        return node
    }

    private var atEnd: Bool { index >= characters.count }
    private var peek: Character? { atEnd ? nil : characters[index] }

    private mutating func alternation() throws(FilterPattern.SyntaxError) -> FilterPatternNode {
        var branches = [try concatenation()]
        while peek == "|" {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(FilterPattern.SyntaxError) -> FilterPatternNode {
        var items: [FilterPatternNode] = []
        while let next = peek, next != "|", next != ")" {
            items.append(try repetition())
        }
        return items.count == 1 ? items[0] : .concatenation(items)
    }

    private mutating func repetition() throws(FilterPattern.SyntaxError) -> FilterPatternNode {
        let atom = try self.atom()
        guard let bounds = try quantifier() else { return atom }
        // Like Go's engine: `a**` is a mistake, not a pattern.
        if try quantifier() != nil { throw FilterPattern.SyntaxError(message: "a repeat of a repeat") }
        return .repetition(atom, min: bounds.min, max: bounds.max)
    }

    /// `* + ? {m} {m,} {m,n}` (a lazy `?` after one is accepted and changes nothing for a
    /// yes-or-no match); nil when none follows.
    private mutating func quantifier() throws(FilterPattern.SyntaxError) -> (min: Int, max: Int?)? {
        var bounds: (min: Int, max: Int?)
        switch peek {
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "?": bounds = (0, 1); index += 1
        case "{":
            guard let counted = try counts() else { return nil }
            bounds = counted
        default: return nil
        }
        if peek == "?" { index += 1 }
        return bounds
    }

    /// `{m}`, `{m,}` or `{m,n}` at the cursor, consumed; nil (nothing consumed) when the brace
    /// does not start one, so it is read as a literal `{`.
    private mutating func counts() throws(FilterPattern.SyntaxError) -> (min: Int, max: Int?)? {
        var cursor = index + 1
        func number() -> Int? {
            var digits = ""
            while cursor < characters.count, let digit = characters[cursor].wholeNumberValue, characters[cursor].isASCII {
                digits.append(String(digit))
                cursor += 1
                if digits.count > 4 { return Int.max }
            }
            return Int(digits)
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if cursor < characters.count, characters[cursor] == "," {
            cursor += 1
            high = number()
        }
        guard cursor < characters.count, characters[cursor] == "}" else { return nil }
        index = cursor + 1
        let limit = FilterPattern.maximumRepeat
        guard low <= limit, (high ?? 0) <= limit else { throw FilterPattern.SyntaxError(message: "a count above \(limit)") }
        if let high, high < low { throw FilterPattern.SyntaxError(message: "a count range backwards") }
        return (low, high)
    }

    private mutating func atom() throws(FilterPattern.SyntaxError) -> FilterPatternNode {
        guard let character = peek else { throw FilterPattern.SyntaxError(message: "unexpected end") }
        index += 1
        switch character {
        case "(":
            if peek == "?" {
                guard index + 1 < characters.count, characters[index + 1] == ":" else {
                    throw FilterPattern.SyntaxError(message: "lookaround and flags are not supported")
                }
                index += 2
            }
            let inner = try alternation()
            guard peek == ")" else { throw FilterPattern.SyntaxError(message: "missing )") }
            index += 1
            return inner
        case "[": return .characters(try characterClass())
        case ".": return .characters(.anything)
        case "^": return .start
        case "$": return .end
        case "\\": return .characters(try escape(inClass: false))
        case "*", "+", "?": throw FilterPattern.SyntaxError(message: "nothing to repeat before \(character)")
        default: return .characters(literal(character))
        }
    }

    private mutating func literal(_ character: Character) -> CharacterClass {
        if character.isUppercase { sawCapital = true }
        return CharacterClass(items: [.character(character)])
    }

    /// After a backslash: a named set, a control character, or the character itself.
    private mutating func escape(inClass: Bool) throws(FilterPattern.SyntaxError) -> CharacterClass {
        guard let character = peek else { throw FilterPattern.SyntaxError(message: "a trailing backslash") }
        index += 1
        switch character {
        case "d": return CharacterClass(items: [.digit])
        case "w": return CharacterClass(items: [.word])
        case "s": return CharacterClass(items: [.space])
        case "D", "W", "S":
            if inClass { throw FilterPattern.SyntaxError(message: "\\\(character) inside [ ] is not supported") }
            let item: CharacterClass.Item = character == "D" ? .digit : character == "W" ? .word : .space
            return CharacterClass(items: [item], negated: true)
        case "n": return CharacterClass(items: [.character("\n")])
        case "t": return CharacterClass(items: [.character("\t")])
        case "1"..."9": throw FilterPattern.SyntaxError(message: "backreferences are not supported")
        case "b", "B", "A", "z", "Z", "G":
            throw FilterPattern.SyntaxError(message: "\\\(character) is not supported")
        default:
            return literal(character)
        }
    }

    /// After `[`: items up to `]`, a leading `^` negating, a leading `]` literal.
    private mutating func characterClass() throws(FilterPattern.SyntaxError) -> CharacterClass {
        var set = CharacterClass(items: [])
        if peek == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let character = peek else { throw FilterPattern.SyntaxError(message: "missing ]") }
            index += 1
            if character == "]", !first { return set }
            first = false
            var low: Character = character
            if character == "\\" {
                let escaped = try escape(inClass: true)
                guard case .character(let single)? = escaped.items.first, escaped.items.count == 1 else {
                    set.items += escaped.items
                    continue
                }
                low = single
            } else if character.isUppercase {
                sawCapital = true
            }
            // A range, unless the dash is the last character of the class.
            if peek == "-", index + 1 < characters.count, characters[index + 1] != "]" {
                index += 1
                var high = characters[index]
                index += 1
                if high == "\\" {
                    guard let escaped = peek else { throw FilterPattern.SyntaxError(message: "missing ]") }
                    high = escaped
                    index += 1
                }
                if high.isUppercase { sawCapital = true }
                guard low <= high else { throw FilterPattern.SyntaxError(message: "a range backwards in [ ]") }
                set.items.append(.range(low, high))
            } else {
                set.items.append(.character(low))
            }
        }
    }
}
