/// A cursor over ASCII bytes for the fixed-layout date formats on the wire: fixed-width numbers,
/// literal characters and short words, each consumed only when it matches.
public struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    /// A scanner at the start of `text`'s UTF-8 bytes.
    public init(_ text: String) { bytes = Array(text.utf8) }

    /// Whether every byte has been consumed.
    public var atEnd: Bool { position == bytes.count }

    /// Exactly `digits` ASCII digits as a number; nil (consuming nothing) otherwise.
    public mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        position += digits
        return value
    }

    /// The ASCII digits from here up to the first byte that is not one (possibly none).
    public mutating func digitRun() -> [UInt8] {
        let start = position
        while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
        return Array(bytes[start..<position])
    }

    /// Consumes `character` (ASCII) if it comes next.
    public mutating func expect(_ character: Character) -> Bool { take(anyOf: String(character)) != nil }

    /// Consumes one of `characters` (ASCII) if it comes next.
    public mutating func expect(anyOf characters: String) -> Bool { take(anyOf: characters) != nil }

    /// The next byte if it is one of `characters` (ASCII), consumed; nil otherwise.
    public mutating func take(anyOf characters: String) -> UInt8? {
        guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next `length` bytes as text, consumed; nil when fewer are left.
    public mutating func word(length: Int) -> String? {
        guard position + length <= bytes.count else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }
}
