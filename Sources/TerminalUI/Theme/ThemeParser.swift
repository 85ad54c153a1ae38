/// Reads the theme file format.
///
/// A theme file is plain text, one setting per line:
///
///     # Comments start with '#' at the start of a line or after a space.
///     description = Dark, on the terminal's own background
///     inherits = default              # optional; roles left out come from this theme
///     text = default
///     header = bright-white on blue bold
///     expiring-soon = 214 bold        # 256-colour index
///     lapsed = #dc322f bold underline # 24-bit colour
///     selection = reverse             # attributes only
///
/// A style is `[colour] [on colour] [attribute …]`. A colour is `default` (the terminal's own),
/// one of the 16 names (`black` … `white`, `bright-black` … `bright-white`), a 256-colour index
/// `0`–`255`, or `#rrggbb`. Attributes are `bold`, `dim`, `reverse`, `underline`.
/// Roles, colours and attributes are case-insensitive (theme names after `inherits` are not); roles are the `StyleRole` names (`expiring-soon`, `help-key`, …).
///
/// Why this format: a theme is a flat list of "role looks like this", so one line per role is the
/// whole structure. It reads like the tmux and btop settings operators already edit, can be
/// changed with a one-line `sed` or diffed line by line, allows comments (JSON does not), and has
/// no nesting or quoting to get wrong (YAML/TOML would). It is parsed in about a hundred lines with
/// no extra package, and every mistake can be reported with its line number.
public enum ThemeParser {
    /// Parses one theme file. The theme's name is `fileName` without directories and `.theme`.
    ///
    /// - Throws: `ThemeError` naming the file and line for the first mistake; nothing is half-loaded.
    public static func parse(
        text: String,
        fileName: String,
        origin: ThemeOrigin? = nil
    ) throws(ThemeError) -> Theme {
        var styles: [StyleRole: ThemeStyle] = [:]
        var roleLines: [StyleRole: Int] = [:]
        var headerLines: [String: Int] = [:]
        var summary: String?
        var parentName: String?
        var parentLine: Int?

        // `isNewline` also splits "\r\n", which Swift treats as one character.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            func failure(_ problem: ThemeError.Problem) -> ThemeError {
                ThemeError(fileName: fileName, line: lineNumber, problem: problem)
            }
            let line = trimmed(withoutComment(Substring(rawLine)))
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else { throw failure(.missingEquals) }
            let key = trimmed(line[..<equals]).lowercased()
            let value = trimmed(line[line.index(after: equals)...])
            guard !key.isEmpty else { throw failure(.missingKey) }
            guard !value.isEmpty else { throw failure(.missingValue(key: key)) }

            switch key {
            case "description", "inherits":
                if let first = headerLines[key] { throw failure(.duplicateHeader(key, firstLine: first)) }
                headerLines[key] = lineNumber
                if key == "description" { summary = String(value) } else { parentName = String(value) }
                if key == "inherits" { parentLine = lineNumber }
            default:
                guard let role = StyleRole(rawValue: key) else { throw failure(.unknownRole(key)) }
                if let first = roleLines[role] { throw failure(.duplicateRole(key, firstLine: first)) }
                roleLines[role] = lineNumber
                do {
                    styles[role] = try parseStyle(value.lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
                } catch {
                    throw failure(error)
                }
            }
        }
        var theme = Theme(
            name: themeName(fromFileName: fileName),
            summary: summary,
            parentName: parentName,
            origin: origin ?? .file(path: fileName),
            styles: styles
        )
        theme.parentLine = parentLine
        return theme
    }

    /// `~/themes/mine.theme` → `mine`.
    public static func themeName(fromFileName fileName: String) -> String {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return base.hasSuffix(".theme") ? String(base.dropLast(".theme".count)) : base
    }

    /// Parses one colour word (already lower-cased).
    public static func parseColour(_ word: String) throws(ThemeError.Problem) -> ThemeColor {
        if word == "default" { return .terminalDefault }
        if let named = ANSIColor(themeName: word) { return .named(named) }
        if !word.isEmpty, word.allSatisfy(\.isASCIIDigit) {
            guard let index = UInt8(word) else { throw .colourIndexOutOfRange(word) }
            return .indexed(index)
        }
        if word.hasPrefix("#") {
            let hex = word.dropFirst()
            guard hex.count == 6, hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16) else {
                throw .badHexColour(word)
            }
            return .rgb(RGB(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)))
        }
        throw .unknownColour(word)
    }

    /// `[colour] [on colour] [attribute …]`
    static func parseStyle(_ words: [String]) throws(ThemeError.Problem) -> ThemeStyle {
        var style = ThemeStyle()
        var index = 0
        if let first = words.first, first != "on", ThemeAttributes(themeName: first) == nil {
            style.foreground = try parseColour(first)
            index = 1
        }
        if index < words.count, words[index] == "on" {
            guard index + 1 < words.count else { throw .missingBackground }
            style.background = try parseColour(words[index + 1])
            index += 2
        }
        for word in words[index...] {
            if let attribute = ThemeAttributes(themeName: word) {
                if style.attributes.contains(attribute) { throw .repeatedAttribute(word) }
                style.attributes.insert(attribute)
            } else if word == "on" {
                throw .misplacedColour(word)
            } else {
                throw misplacedWordProblem(word)
            }
        }
        return style
    }

    /// A word where only attributes may follow: a valid colour is out of place, a broken colour
    /// (`#12`, `300`) gets its own message, anything else is taken for a misspelt attribute.
    private static func misplacedWordProblem(_ word: String) -> ThemeError.Problem {
        do {
            _ = try parseColour(word)
            return .misplacedColour(word)
        } catch .unknownColour {
            return .unknownAttribute(word)
        } catch {
            return error
        }
    }

    /// Cuts a comment: a '#' first on the line, or a '#' after a space and followed by a space or
    /// the line's end. A '#' glued to a word is a hex colour, so `#ff0000` is never a comment.
    static func withoutComment(_ line: Substring) -> Substring {
        let content = line.drop(while: \.isWhitespace)
        if content.first == "#" { return "" }
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "#", previous.isWhitespace {
                let next = line.index(after: index)
                if next == line.endIndex || line[next].isWhitespace { return line[..<index] }
            }
            previous = character
        }
        return line
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.drop(while: \.isWhitespace)
        return start.dropLast(start.reversed().prefix(while: \.isWhitespace).count)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
