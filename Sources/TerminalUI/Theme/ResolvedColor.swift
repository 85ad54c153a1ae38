/// A colour the terminal can show as is: the result of fitting a `ThemeColor` to a `ColorCapability`.
public enum ResolvedColor: Sendable, Hashable {
    /// The terminal's own foreground or background (curses colour -1).
    case terminalDefault
    /// A palette index, already within the capability (below 8, below 16, or below 256).
    case palette(UInt8)
    /// A 24-bit colour; only produced for `ColorCapability.direct`.
    case rgb(RGB)

    /// The colour's appearance, for contrast decisions (xterm's shades for palette indexes).
    var approximateRGB: RGB? {
        switch self {
        case .terminalDefault: nil
        case .palette(let index): XTermPalette.rgb(ofIndex: index)
        case .rgb(let rgb): rgb
        }
    }
}

extension ThemeColor {
    /// This colour fitted to what the terminal can show.
    public func resolved(for capability: ColorCapability) -> ResolvedColor {
        switch (self, capability) {
        case (.terminalDefault, _), (_, .none):
            return .terminalDefault
        case (.named(let color), .ansi8):
            return color.rawValue < 8 ? .palette(color.rawValue) : .palette(XTermPalette.nearestANSI(to: color.referenceRGB, count: 8))
        case (.named(let color), _):
            return .palette(color.rawValue)
        case (.indexed(let index), .ansi8), (.indexed(let index), .ansi16):
            let limit: UInt8 = capability == .ansi8 ? 8 : 16
            if index < limit { return .palette(index) }
            return .palette(XTermPalette.nearestANSI(to: XTermPalette.rgb(ofIndex: index), count: Int(limit)))
        case (.indexed(let index), _):
            return .palette(index)
        case (.rgb(let rgb), .ansi8):
            return .palette(XTermPalette.nearestANSI(to: rgb, count: 8))
        case (.rgb(let rgb), .ansi16):
            return .palette(XTermPalette.nearestANSI(to: rgb, count: 16))
        case (.rgb(let rgb), .indexed256):
            return .palette(XTermPalette.nearestIndex256(to: rgb))
        case (.rgb(let rgb), .direct):
            return .rgb(rgb)
        }
    }
}
