/// A colour as a theme asks for it; the backend maps it to what the terminal can show.
public struct TerminalColor: Sendable, Hashable, CustomStringConvertible {
    /// The three ways to name a colour.
    public enum Value: Sendable, Hashable {
        /// The terminal's own foreground or background.
        case terminalDefault
        /// An index into the xterm palette: 0–7 ANSI, 8–15 bright ANSI, 16–231 cube, 232–255 greys.
        case ansi(UInt8)
        /// A 24-bit colour, shown as is on direct-colour terminals and as the nearest palette entry elsewhere.
        case rgb(red: UInt8, green: UInt8, blue: UInt8)
    }

    /// Which colour this is.
    public let value: Value

    /// Creates a colour from its value.
    public init(_ value: Value) { self.value = value }

    /// The terminal's own foreground or background colour.
    public static let `default` = TerminalColor(.terminalDefault)

    /// Palette entry `index` (0–255).
    public static func ansi(_ index: UInt8) -> TerminalColor { TerminalColor(.ansi(index)) }

    /// A 24-bit colour.
    public static func rgb(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> TerminalColor {
        TerminalColor(.rgb(red: red, green: green, blue: blue))
    }

    /// The eight basic ANSI colours, by name.
    public static let black = ansi(0), red = ansi(1), green = ansi(2), yellow = ansi(3)
    public static let blue = ansi(4), magenta = ansi(5), cyan = ansi(6), white = ansi(7)

    public var description: String {
        switch value {
        case .terminalDefault: "default"
        case .ansi(let index): "ansi(\(index))"
        case .rgb(let red, let green, let blue): "rgb(\(red),\(green),\(blue))"
        }
    }
}
