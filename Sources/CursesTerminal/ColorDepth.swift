/// How many colours the backend can use, detected when the terminal starts.
public enum ColorDepth: Sendable, Hashable, Comparable {
    /// No colour at all (monochrome terminal, `NO_COLOR`, or colour switched off): attributes only.
    case none
    /// The eight ANSI colours.
    case ansi8
    /// ANSI plus the eight bright variants.
    case ansi16
    /// The xterm 256-colour palette.
    case indexed256
    /// 24-bit colour (terminfo `RGB`, e.g. `xterm-direct`).
    case direct

    /// The depth for a terminal that reports `colors` colours (terminfo `colors`).
    public static func forColorCount(_ colors: Int) -> ColorDepth {
        switch colors {
        case 0x100_0000...: .direct
        case 256...: .indexed256
        case 16...: .ansi16
        case 8...: .ansi8
        default: .none
        }
    }
}
