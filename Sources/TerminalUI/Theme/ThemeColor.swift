/// A colour as a theme file writes it, before it is fitted to what the terminal can show.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background (`default`).
    case terminalDefault
    /// One of the 16 named colours (`red`, `bright-blue`, …).
    case named(ANSIColor)
    /// A 256-colour palette index (`208`).
    case indexed(UInt8)
    /// A 24-bit colour (`#ff8700`).
    case rgb(RGB)

    /// The spelling a theme file uses for this colour.
    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .named(let color): color.themeName
        case .indexed(let index): String(index)
        case .rgb(let rgb): rgb.description
        }
    }
}
