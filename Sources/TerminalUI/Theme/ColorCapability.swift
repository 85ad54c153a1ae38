/// How many colours the terminal can show; themes are fitted to it by `ThemeStyle.resolved(for:)`.
public enum ColorCapability: Sendable, Hashable, CaseIterable, Comparable {
    /// No colour at all (`NO_COLOR`, `--no-color`, or a terminal without colour): attributes only.
    case none
    /// The 8 basic colours (plain `xterm`, many SSH and serial consoles).
    case ansi8
    /// The 8 basic colours and their bright variants.
    case ansi16
    /// The xterm 256-colour palette.
    case indexed256
    /// 24-bit colour.
    case direct

    /// Decides the capability.
    ///
    /// - Parameters:
    ///   - environment: the process environment; `NO_COLOR` with any non-empty value turns colour off
    ///     (https://no-color.org), and `TERM`/`COLORTERM` are used when the colour count is unknown.
    ///   - noColorFlag: whether `--no-color` was given.
    ///   - terminalColorCount: the number of colours the terminal library reports (curses `COLORS`),
    ///     if known. It wins over `TERM`/`COLORTERM`, because it is what the backend can actually draw.
    public static func detect(
        environment: [String: String],
        noColorFlag: Bool = false,
        terminalColorCount: Int? = nil
    ) -> ColorCapability {
        if noColorFlag || !(environment["NO_COLOR"] ?? "").isEmpty { return .none }
        if let count = terminalColorCount { return fromColorCount(count) }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .direct }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .none }
        if term.contains("direct") { return .direct }
        if term.contains("256color") { return .indexed256 }
        if term.contains("16color") { return .ansi16 }
        return .ansi8
    }

    /// The capability for a terminal that reports `count` colours (fewer than 8 means none).
    public static func fromColorCount(_ count: Int) -> ColorCapability {
        switch count {
        case (1 << 24)...: .direct
        case 256...: .indexed256
        case 16...: .ansi16
        case 8...: .ansi8
        default: .none
        }
    }
}
