/// A cursor over ASCII bytes for the fixed-layout date formats on the wire.
struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        position += digits
        return value
    }

    mutating func digitRun() -> [UInt8] {
        let start = position
        while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
        return Array(bytes[start..<position])
    }

    mutating func expect(_ character: Character) -> Bool { take(anyOf: String(character)) != nil }

    mutating func expect(anyOf characters: String) -> Bool { take(anyOf: characters) != nil }

    mutating func take(anyOf characters: String) -> UInt8? {
        guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func word(length: Int) -> String? {
        guard position + length <= bytes.count else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }
}
