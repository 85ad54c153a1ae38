/// Finds the line a key of a TOML document is set on, so that a value which parses but means
/// nothing to ecs-protect is reported as `file:line` too (TOMLKit gives positions for syntax
/// errors only).
///
/// It reads the text after TOMLKit accepted it, so it only has to follow valid TOML: table
/// headers, `key = value` lines, dotted and quoted keys, and values (arrays, multi-line strings)
/// that run over several lines.
public struct KeyLineIndex {
    private var firstLine: [[String]: Int] = [:]
    private let lines: [Substring]

    public init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var scanner = ValueScanner()
        var table: [String] = []
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            if scanner.isInsideValue {
                scanner.scan(Substring(line))
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let isArrayTable = trimmed.hasPrefix("[[")
                let inside = trimmed.dropFirst(isArrayTable ? 2 : 1)
                table = Self.keyParts(Self.prefix(of: inside, upTo: "]"))
                record(table, line: number)
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                let key = Self.prefix(of: trimmed, upTo: "=")
                let path = table + Self.keyParts(key)
                record(path, line: number)
                scanner.scan(trimmed.dropFirst(key.count + 1))
            }
        }
    }

    /// The line that sets `path`, else the line of its nearest enclosing table or key; nil when
    /// not even the first part appears (a table only implied by a deeper header).
    public func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = firstLine[path] { return line }
            path.removeLast()
        }
        return nil
    }

    /// The first line at or after `start` that holds `needle` as a quoted string: where an
    /// element of a multi-line array sits.
    public func line(ofString needle: String, from start: Int) -> Int? {
        guard start >= 1 else { return nil }
        for number in start...max(start, lines.count) where number <= lines.count {
            let line = lines[number - 1]
            if line.firstRange(of: "\"\(needle)\"") != nil || line.firstRange(of: "'\(needle)'") != nil { return number }
        }
        return nil
    }

    private mutating func record(_ path: [String], line: Int) {
        // A dotted key (`a.b.c = 1`) also defines its enclosing tables on that line.
        for length in stride(from: path.count, through: 1, by: -1) {
            let prefix = Array(path.prefix(length))
            if firstLine[prefix] == nil { firstLine[prefix] = line }
        }
    }

    /// The text before the first `terminator` outside quotes.
    private static func prefix(of text: Substring, upTo terminator: Character) -> Substring {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == terminator {
                return text[..<index]
            }
        }
        return text
    }

    /// `a."b.c" . d` → `["a", "b.c", "d"]`.
    private static func keyParts(_ key: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current)
                current = ""
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}

/// Follows a TOML value across lines: open brackets and braces, and multi-line strings.
private struct ValueScanner {
    private var depth = 0
    private var multilineDelimiter: String?

    public var isInsideValue: Bool { depth > 0 || multilineDelimiter != nil }

    public mutating func scan(_ text: Substring) {
        var rest = text
        while !rest.isEmpty {
            if let delimiter = multilineDelimiter {
                guard let end = rest.firstRange(of: delimiter) else { return }
                multilineDelimiter = nil
                rest = rest[end.upperBound...]
                continue
            }
            let character = rest.removeFirst()
            switch character {
            case "#":
                return
            case "\"", "'":
                let triple = String(repeating: character, count: 3)
                if rest.hasPrefix(String(repeating: character, count: 2)) {
                    rest = rest.dropFirst(2)
                    multilineDelimiter = triple
                } else {
                    rest = Self.skipString(rest, closing: character)
                }
            case "[", "{":
                depth += 1
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
        }
    }

    /// The text after a one-line string's closing quote (backslash escapes only in `"…"`).
    private static func skipString(_ text: Substring, closing: Character) -> Substring {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" && closing == "\"" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == closing { return text[text.index(after: index)...] }
            index = text.index(after: index)
        }
        return text[text.endIndex...]
    }
}
