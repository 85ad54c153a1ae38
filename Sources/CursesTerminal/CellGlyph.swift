#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import TerminalUI

/// Turns a cell's text into an ncurses `cchar_t`.
enum CellGlyph {
    /// ncurses keeps at most CCHAR_MAX (5) wide characters per cell, terminator included.
    static let maximumScalars = 4

    /// The wide characters to store for `text` (NUL-terminated): control characters become a
    /// space, and graphemes longer than a cell holds keep their first scalars.
    static func wideCharacters(for text: String) -> [wchar_t] {
        var scalars = text.unicodeScalars.prefix(maximumScalars).map { wchar_t(bitPattern: $0.value) }
        if let first = text.unicodeScalars.first, first.value < 0x20 || (0x7F..<0xA0).contains(first.value) {
            scalars = [0x20]
        }
        if scalars.isEmpty { scalars = [0x20] }
        return scalars + [0]
    }

    /// Builds the `cchar_t` for one printable ASCII character, without the arrays `make` builds:
    /// most cells of most frames.
    static func make(ascii byte: UInt8, attributes: attr_t, pair: Int32) -> cchar_t {
        var cell = cchar_t()
        // The character and its terminator, side by side as a two-element C array.
        let text: (wchar_t, wchar_t) = (wchar_t(byte), 0)
        let status = withUnsafePointer(to: text) { characters in
            characters.withMemoryRebound(to: wchar_t.self, capacity: 2) { ecs_setcchar(&cell, $0, attributes, pair) }
        }
        return status == OK ? cell : make(String(UnicodeScalar(byte)), attributes: attributes, pair: pair)
    }

    /// Builds the `cchar_t` for `text`, falling back to its first scalar and then to "?" when
    /// ncurses rejects the combination.
    static func make(_ text: String, attributes: attr_t, pair: Int32) -> cchar_t {
        var cell = cchar_t()
        let full = wideCharacters(for: text)
        if ecs_setcchar(&cell, full, attributes, pair) == OK { return cell }
        if ecs_setcchar(&cell, [full[0], 0], attributes, pair) == OK { return cell }
        _ = ecs_setcchar(&cell, [0x3F, 0], attributes, pair)
        return cell
    }
}
