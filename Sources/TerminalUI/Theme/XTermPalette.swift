/// The xterm palette: 16 named colours, a 6×6×6 colour cube (16–231) and 24 greys (232–255),
/// and nearest-colour searches used to fit a theme to fewer colours.
///
/// Distances are plain RGB Euclidean; the candidates are at most 240, so a linear search is
/// cheaper to trust than a clever one.
public enum XTermPalette {
    /// The six channel levels of the colour cube.
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The colour xterm shows for a palette index (0–15 use xterm's default shades).
    public static func rgb(ofIndex index: UInt8) -> RGB {
        switch index {
        case 0..<16:
            return ANSIColor(rawValue: index)?.referenceRGB ?? RGB(0, 0, 0)
        case 16..<232:
            let cube = Int(index) - 16
            return RGB(cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return RGB(level, level, level)
        }
    }

    /// The nearest index in the cube or grey ramp (16–255). The 16 named colours are skipped
    /// because terminal profiles redefine them, so they are not a fixed target.
    public static func nearestIndex256(to color: RGB) -> UInt8 {
        nearest(to: color, among: 16...255)
    }

    /// The named colours without hue: black, white, bright black (grey) and bright white.
    static let achromaticANSI: Set<UInt8> = [0, 7, 8, 15]

    /// Channels may differ by this much and the colour still counts as a grey.
    static let greyTolerance = 24

    /// The nearest of the first `count` named colours (8 or 16), by xterm's default shades.
    ///
    /// Greys only match black, white and grey: by plain RGB distance a mid grey lies nearer to
    /// yellow than to white, and a grey turning yellow on an 8-colour terminal reads as a warning.
    public static func nearestANSI(to color: RGB, count: Int) -> UInt8 {
        let channels = [color.red, color.green, color.blue]
        let isGrey = Int(channels.max() ?? 0) - Int(channels.min() ?? 0) <= greyTolerance
        return nearest(to: color, among: 0...UInt8(max(1, min(count, 16)) - 1)) { index in
            !isGrey || achromaticANSI.contains(index)
        }
    }

    private static func nearest(
        to color: RGB, among candidates: ClosedRange<UInt8>, where isCandidate: (UInt8) -> Bool = { _ in true }
    ) -> UInt8 {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates where isCandidate(index) {
            let distance = rgb(ofIndex: index).distanceSquared(to: color)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
