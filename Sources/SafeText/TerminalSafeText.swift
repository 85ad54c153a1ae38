/// The one place that decides which characters may reach a terminal as they are.
///
/// Everything that came from outside (agent bodies, endpoints, labels, theme files, paths) passes
/// through ``inert(_:)`` before it is printed or drawn. Characters that a terminal would act on
/// instead of showing become visible, inert escapes:
///
/// - C0 controls (U+0000–U+001F, including CR, LF and TAB), DEL (U+007F) and C1 controls
///   (U+0080–U+009F) are written as `\xNN` (ESC is `\x1b`), so an escape sequence cannot clear the
///   screen, retitle the window or write the clipboard, and CR/LF cannot break a table row;
/// - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the
///   Unicode line and paragraph separators (U+2028, U+2029) and the invisible format characters
///   (zero-width space and non-joiner U+200B, U+200C, word joiner and invisible operators
///   U+2060–U+2064, the byte-order mark U+FEFF) are written as `\uXXXX`, so text cannot be
///   reordered on screen, split across lines, or made to look like other text. The zero-width
///   joiner (U+200D) is left to the terminal, which needs it to draw emoji sequences.
///
/// JSON output (`--json`, the events file) writes the same code points, and the zero-width joiner
/// too, as `\uXXXX` escapes (see ``isUnsafeInJSON(_:)``): the value reads back unchanged.
public enum TerminalSafeText {
    /// `text` with every unsafe code point replaced by its visible escape. Text that holds none is
    /// returned unchanged (the common case costs one scan).
    public static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `inert(text)` cut to at most `limit` characters, ending in `…` when something was cut.
    public static func excerpt(_ text: String, limit: Int) -> String {
        let safe = inert(text)
        guard safe.count > limit else { return safe }
        return String(safe.prefix(max(0, limit - 1))) + "…"
    }

    /// Whether a terminal (or a bidi-aware renderer) could act on `scalar` instead of showing it.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200B, 0x200C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// What a JSON string escapes as `\uXXXX`: every ``isUnsafe(_:)`` code point and the
    /// zero-width joiner (U+200D), so no invisible format character reaches a file or pipe raw.
    public static func isUnsafeInJSON(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200D || isUnsafe(scalar)
    }

    /// Whether `text` holds any code point ``isUnsafe(_:)`` rejects.
    public static func containsUnsafe(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// The visible form of one unsafe code point: `\xNN` below U+0100, else `\uXXXX`.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value < 0x100 { return "\\x" + (hex.count < 2 ? "0" : "") + hex }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
