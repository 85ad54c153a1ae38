/// The 16 colours every colour terminal names, in their palette order (0–15).
///
/// Their actual shades are whatever the operator's terminal profile says; `referenceRGB` is xterm's
/// default palette, used only to find the nearest named colour for an RGB or 256-colour value.
public enum ANSIColor: UInt8, Sendable, CaseIterable, Hashable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The name used in theme files: `red`, `bright-red`, …
    public var themeName: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][Int(rawValue % 8)]
        return rawValue < 8 ? base : "bright-" + base
    }

    /// The colour a theme file names, or nil if the word is not one of the 16 names.
    public init?(themeName: String) {
        guard let match = ANSIColor.allCases.first(where: { $0.themeName == themeName }) else { return nil }
        self = match
    }

    /// xterm's default shade for this colour.
    public var referenceRGB: RGB {
        Self.xtermDefaults[Int(rawValue)]
    }

    private static let xtermDefaults: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]
}
