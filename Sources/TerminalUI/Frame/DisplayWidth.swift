import CTerminalSupport

/// Terminal column widths, from the C library's `wcwidth` so they agree with what ncurses draws.
///
/// `wcwidth` answers -1 for every non-ASCII character in the C locale: the process must select a
/// UTF-8 `LC_CTYPE` before the first measurement (the executable does so at start-up, tests in
/// their test support). Measuring never changes process state itself.
public enum DisplayWidth {
    /// Columns one grapheme cluster takes: 0, 1 or 2. Control characters count as 0 and are skipped.
    public static func of(_ grapheme: Character) -> Int {
        guard let first = grapheme.unicodeScalars.first else { return 0 }
        if first.isASCII { return isPrintableASCII(UInt8(first.value)) ? 1 : 0 }
        let width = Int(ecs_wcwidth(first.value))
        // Emoji presentation sequences are drawn two columns wide even when the base is narrow.
        if width == 1, grapheme.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return max(width, width < 0 ? 1 : 0)
    }

    /// Columns a string takes.
    public static func of(_ text: String) -> Int {
        // Printable ASCII, most text here: a column a byte, without breaking it into graphemes.
        if text.utf8.allSatisfy(isPrintableASCII) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Whether `byte` is a printable ASCII character: one column, and nothing a terminal acts on.
    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }
}
