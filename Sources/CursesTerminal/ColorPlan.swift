import TerminalUI

/// The colour pairs a palette needs, computed without touching the terminal so the allocation is
/// testable. The palette is already resolved for the capability; this only numbers the colours
/// the way curses wants them.
struct ColorPlan: Equatable {
    /// A colour pair: foreground and background colour numbers (-1 = terminal default).
    struct Pair: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Pair `n` is `pairs[n - 1]`; pair 0 stays the terminal default.
    private(set) var pairs: [Pair] = []
    /// The pair number each role uses (0 when colour is off or pairs ran out).
    private(set) var pairByRole: [StyleRole: Int32] = [:]

    /// What the terminal offers.
    struct Capabilities: Equatable {
        var capability: ColorCapability
        /// Pairs the terminal supports (COLOR_PAIRS), pair 0 included.
        var pairLimit: Int
        /// Whether -1 means "the terminal's own colour" (use_default_colors succeeded); if not,
        /// default colours become white on black.
        var defaultColors: Bool = true
    }

    init(palette: StylePalette, capabilities: Capabilities) {
        guard capabilities.capability != .none else { return }
        var pairNumbers: [Pair: Int32] = [:]
        // Sorted so the same palette always gets the same pair numbers.
        for role in StyleRole.allCases {
            let style = palette[role] ?? .plain
            var pair = Pair(
                foreground: Self.colorNumber(style.foreground, for: capabilities.capability),
                background: Self.colorNumber(style.background, for: capabilities.capability))
            if !capabilities.defaultColors {
                if pair.foreground < 0 { pair.foreground = 7 }
                if pair.background < 0 { pair.background = 0 }
            }
            if pair == Pair(foreground: -1, background: -1) {
                pairByRole[role] = 0
            } else if let existing = pairNumbers[pair] {
                pairByRole[role] = existing
            } else if pairs.count + 1 < capabilities.pairLimit {
                pairs.append(pair)
                let assigned = Int32(pairs.count)
                pairNumbers[pair] = assigned
                pairByRole[role] = assigned
            } else {
                pairByRole[role] = 0
            }
        }
    }

    /// The curses colour number for `color`: -1 for the terminal default, the palette index, or on
    /// direct-colour terminals a packed `0xRRGGBB`.
    ///
    /// Direct-colour terminfo entries (`xterm-direct`) read numbers below 8 as the ANSI colours and
    /// everything else as packed RGB, so palette indexes 8–255 are sent as xterm's shade of them
    /// and RGB values below 8 (near-black blues) are nudged to 8. A colour outside a smaller
    /// capability (a palette that was not resolved for this terminal) is fitted again rather than
    /// sent as a number the terminal does not have.
    static func colorNumber(_ color: ResolvedColor, for capability: ColorCapability) -> Int32 {
        switch (color, capability) {
        case (.terminalDefault, _), (_, .none):
            return -1
        case (.rgb(let rgb), .direct):
            return max(8, Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue))
        case (.palette(let index), .direct):
            return index < 8 ? Int32(index) : colorNumber(.rgb(XTermPalette.rgb(ofIndex: index)), for: .direct)
        case (.palette(let index), _) where Int(index) < paletteSize(of: capability):
            return Int32(index)
        case (.palette(let index), _):
            return colorNumber(ThemeColor.indexed(index).resolved(for: capability), for: capability)
        case (.rgb(let rgb), _):
            return colorNumber(ThemeColor.rgb(rgb).resolved(for: capability), for: capability)
        }
    }

    /// How many palette indexes a capability without direct colour has.
    private static func paletteSize(of capability: ColorCapability) -> Int {
        switch capability {
        case .none: 0
        case .ansi8: 8
        case .ansi16: 16
        case .indexed256, .direct: 256
        }
    }
}
