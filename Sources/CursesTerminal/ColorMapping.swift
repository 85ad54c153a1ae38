/// Maps theme colours to the colour numbers a terminal of a given depth understands.
/// Pure arithmetic on the standard xterm palette, so it is tested without a terminal.
public enum ColorMapping {
    /// An RGB triple.
    public struct RGB: Sendable, Hashable {
        public var red: Int, green: Int, blue: Int
        public init(_ red: Int, _ green: Int, _ blue: Int) {
            self.red = red
            self.green = green
            self.blue = blue
        }
    }

    /// The xterm defaults for the 16 ANSI colours.
    public static let ansi16Palette: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The six channel levels of the xterm 6×6×6 colour cube (indices 16–231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm shows for palette entry `index`.
    public static func rgb(ofPaletteIndex index: UInt8) -> RGB {
        let index = Int(index)
        if index < 16 { return ansi16Palette[index] }
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return RGB(level, level, level)
        }
        let cube = index - 16
        return RGB(cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    /// The nearest entry of the 256-colour palette among the cube (16–231) and the greys (232–255);
    /// the 16 ANSI entries are skipped because terminals often redefine them.
    public static func nearestIndexed256(_ color: RGB) -> Int {
        let cubeIndices = [color.red, color.green, color.blue].map(nearestCubeLevel)
        let cube = 16 + 36 * cubeIndices[0] + 6 * cubeIndices[1] + cubeIndices[2]
        let average = (color.red + color.green + color.blue) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let grey = 232 + greyStep
        let cubeDistance = distance(color, rgb(ofPaletteIndex: UInt8(cube)))
        let greyDistance = distance(color, rgb(ofPaletteIndex: UInt8(grey)))
        return greyDistance < cubeDistance ? grey : cube
    }

    /// The ANSI entries without hue: black, white, and in the bright half grey and bright white.
    static let achromaticANSI: Set<Int> = [0, 7, 8, 15]

    /// Channels may differ by this much and the colour still counts as a grey.
    static let greyTolerance = 24

    /// The nearest of the first `count` ANSI colours (8 or 16). Greys only match black, white and
    /// grey: in plain RGB distance a mid grey lies nearer to yellow than to white.
    public static func nearestANSI(_ color: RGB, count: Int) -> Int {
        let channels = [color.red, color.green, color.blue]
        let isGrey = (channels.max() ?? 0) - (channels.min() ?? 0) <= greyTolerance
        let candidates = ansi16Palette.prefix(max(1, min(count, 16)))
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in candidates.enumerated() where !isGrey || achromaticANSI.contains(index) {
            let candidateDistance = distance(color, candidate)
            if candidateDistance < bestDistance {
                best = index
                bestDistance = candidateDistance
            }
        }
        return best
    }

    /// The colour number for `color` on a terminal of `depth`: -1 for the terminal default,
    /// nil when the terminal has no colour. Direct-colour numbers are packed `0xRRGGBB`.
    public static func colorNumber(_ color: TerminalColor, depth: ColorDepth) -> Int32? {
        switch (color.value, depth) {
        case (_, .none): return nil
        case (.terminalDefault, _): return -1
        case (.ansi(let index), .indexed256): return Int32(index)
        case (.ansi(let index), .ansi16) where index < 16: return Int32(index)
        case (.ansi(let index), .ansi8) where index < 8: return Int32(index)
        case (.ansi(let index), .ansi8) where index < 16: return Int32(index - 8)
        // xterm-direct keeps 0–7 as ANSI colours; everything else is a packed RGB value.
        case (.ansi(let index), .direct) where index < 8: return Int32(index)
        case (.ansi(let index), _):
            return colorNumber(rgbColor(rgb(ofPaletteIndex: index)), depth: depth)
        case (.rgb(let red, let green, let blue), _):
            let value = RGB(Int(red), Int(green), Int(blue))
            switch depth {
            case .direct: return Int32(max(8, value.red << 16 | value.green << 8 | value.blue))
            case .indexed256: return Int32(nearestIndexed256(value))
            case .ansi16: return Int32(nearestANSI(value, count: 16))
            default: return Int32(nearestANSI(value, count: 8))
            }
        }
    }

    private static func rgbColor(_ value: RGB) -> TerminalColor {
        .rgb(UInt8(value.red), UInt8(value.green), UInt8(value.blue))
    }

    private static func nearestCubeLevel(_ channel: Int) -> Int {
        var best = 0
        for (index, level) in cubeLevels.enumerated() where abs(level - channel) < abs(cubeLevels[best] - channel) {
            best = index
        }
        return best
    }

    /// Squared Euclidean distance in RGB space.
    static func distance(_ lhs: RGB, _ rhs: RGB) -> Int {
        let red = lhs.red - rhs.red, green = lhs.green - rhs.green, blue = lhs.blue - rhs.blue
        return red * red + green * green + blue * blue
    }
}
