/// A cell's text as UTF-8 held in place, up to ``capacity`` bytes: no reference to count, so a
/// frame of thousands of cells is created, compared, copied and freed as plain memory, where a
/// `String` per cell costs a runtime call for each of those on every frame.
///
/// Longer text keeps its first whole scalars that fit. A terminal cell shows at most four
/// scalars (``FrameEncoder/glyph(_:utf8:)``), and four scalars never take more than 16 bytes, so
/// what reaches the screen is the same.
struct CellText: Sendable, Hashable {
    /// Most UTF-8 bytes a cell keeps.
    static let capacity = 16

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// How many bytes are held; the unused ones stay zero, so equal texts are equal values.
    private(set) var count: UInt8 = 0

    init(_ text: String) {
        for scalar in text.unicodeScalars {
            guard Int(count) + UTF8.width(scalar) <= Self.capacity else { break }
            UTF8.encode(scalar) { append($0) }
        }
    }

    /// One byte of text, for the common case of a cell of ASCII.
    init(byte: UInt8) {
        append(byte)
    }

    /// The text.
    var string: String {
        String(unsafeUninitializedCapacity: Int(count)) { buffer in
            for index in 0..<Int(count) { buffer[index] = byte(at: index) }
            return Int(count)
        }
    }

    /// The byte of a text that is one printable ASCII character, nil for any other.
    var printableASCII: UInt8? {
        guard count == 1 else { return nil }
        let byte = byte(at: 0)
        return DisplayWidth.isPrintableASCII(byte) ? byte : nil
    }

    private func byte(at index: Int) -> UInt8 {
        index < 8 ? UInt8(truncatingIfNeeded: low >> (8 * index)) : UInt8(truncatingIfNeeded: high >> (8 * (index - 8)))
    }

    private mutating func append(_ byte: UInt8) {
        let index = Int(count)
        if index < 8 {
            low |= UInt64(byte) << (8 * index)
        } else {
            high |= UInt64(byte) << (8 * (index - 8))
        }
        count += 1
    }
}
