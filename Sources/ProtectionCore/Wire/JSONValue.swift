/// A parsed JSON value, objects with their members in document order (duplicates kept), so a
/// reader can resolve keys the way Go's `encoding/json` does. Numbers keep their source text so
/// integer strictness can be checked the way Go checks it.
public enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// Parses the first complete JSON value in `bytes`, ignoring whatever follows it
    /// (like Go's `json.Decoder.Decode`). Returns `nil` for empty or invalid input.
    public static func parseFirst(_ bytes: [UInt8]) -> JSONValue? {
        var parser = JSONParser(bytes: bytes)
        return try? parser.parseValue(depth: 0)
    }

    /// Parses `bytes` as exactly one JSON value with only whitespace around it (like Go's
    /// `json.Unmarshal`). Returns `nil` for empty, invalid or trailing input.
    public static func parseWhole(_ bytes: [UInt8]) -> JSONValue? {
        var parser = JSONParser(bytes: bytes)
        guard let value = try? parser.parseValue(depth: 0), parser.isAtEndAfterWhitespace() else { return nil }
        return value
    }
}

/// A small recursive-descent JSON parser (RFC 8259 grammar).
private struct JSONParser {
    struct Invalid: Error {}

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseValue(depth: Int) throws(Invalid) -> JSONValue {
        guard depth < 512 else { throw Invalid() }
        skipWhitespace()
        guard let byte = peek() else { throw Invalid() }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    mutating func isAtEndAfterWhitespace() -> Bool {
        skipWhitespace()
        return position == bytes.count
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Invalid) {
        skipWhitespace()
        guard peek() == byte else { throw Invalid() }
        position += 1
    }

    private mutating func expectLiteral(_ literal: String) throws(Invalid) {
        for byte in literal.utf8 {
            guard peek() == byte else { throw Invalid() }
            position += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Invalid) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw Invalid() }
            let key = try parseString()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue(depth: depth + 1)
            members.append((key, value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw Invalid()
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Invalid) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            default: throw Invalid()
            }
        }
    }

    private mutating func parseString() throws(Invalid) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flushRaw() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flushRaw()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRaw()
                scalars.append(try parseEscape())
            case 0x00..<0x20:
                throw Invalid()
            default:
                raw.append(byte)
            }
        }
        throw Invalid()
    }

    private mutating func parseEscape() throws(Invalid) -> Unicode.Scalar {
        guard let byte = peek() else { throw Invalid() }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high),
               position + 6 <= bytes.count,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let saved = position
                position += 2
                let low = try parseHex4()
                if (0xDC00..<0xE000).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                    return scalar
                }
                position = saved
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            throw Invalid()
        }
    }

    private mutating func parseHex4() throws(Invalid) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Invalid() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexValue(bytes[position]) else { throw Invalid() }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func parseNumber() throws(Invalid) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try consumeDigits() > 0 else { throw Invalid() }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard try consumeDigits() > 0 else { throw Invalid() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard try consumeDigits() > 0 else { throw Invalid() }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func consumeDigits() throws(Invalid) -> Int {
        var count = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            position += 1
            count += 1
        }
        return count
    }
}
