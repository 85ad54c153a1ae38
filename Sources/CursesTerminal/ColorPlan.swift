import Dashboard

/// The colour pairs (and, on terminals that can redefine colours, the custom colours) a palette
/// needs, computed without touching the terminal so the allocation is testable.
struct ColorPlan: Equatable {
    /// A colour pair: foreground and background colour numbers (-1 = terminal default).
    struct Pair: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// A palette slot redefined to an exact RGB value (components 0–1000, as init_color takes them).
    struct CustomColor: Equatable {
        var slot: Int32
        var red: Int32, green: Int32, blue: Int32
    }

    /// Pair `n` is `pairs[n - 1]`; pair 0 stays the terminal default.
    private(set) var pairs: [Pair] = []
    private(set) var customColors: [CustomColor] = []
    /// The pair number each role uses (0 when colour is off or pairs ran out).
    private(set) var pairByRole: [StyleRole: Int32] = [:]

    /// What the terminal offers.
    struct Capabilities: Equatable {
        var depth: ColorDepth
        /// Colours in the terminal's palette (COLORS).
        var colorCount: Int
        /// Pairs the terminal supports (COLOR_PAIRS), pair 0 included.
        var pairLimit: Int
        /// Whether palette entries may be redefined (can_change_color) to show RGB exactly.
        var canChangeColor: Bool
        /// Whether -1 means "the terminal's own colour" (use_default_colors succeeded); if not,
        /// default colours become white on black.
        var defaultColors: Bool = true
    }

    /// The lowest palette index redefined for custom colours: the 16 ANSI colours are left alone.
    static let firstCustomSlot = 16

    init(palette: StylePalette, capabilities: Capabilities) {
        guard capabilities.depth != .none else { return }
        var pairNumbers: [Pair: Int32] = [:]
        var customSlots: [TerminalColor: Int32] = [:]
        let redefines = capabilities.canChangeColor && capabilities.depth == .indexed256
        var nextCustomSlot = Int32(capabilities.colorCount - 1)

        func number(_ color: TerminalColor) -> Int32 {
            guard redefines, case .rgb(let red, let green, let blue) = color.value else {
                return ColorMapping.colorNumber(color, depth: capabilities.depth) ?? -1
            }
            if let slot = customSlots[color] { return slot }
            guard nextCustomSlot >= Int32(Self.firstCustomSlot) else {
                return ColorMapping.colorNumber(color, depth: capabilities.depth) ?? -1
            }
            let slot = nextCustomSlot
            nextCustomSlot -= 1
            customSlots[color] = slot
            customColors.append(CustomColor(
                slot: slot, red: Self.permille(red), green: Self.permille(green), blue: Self.permille(blue)))
            return slot
        }

        // Sorted so the same palette always gets the same pair numbers.
        for role in StyleRole.allCases {
            let style = palette[role] ?? .plain
            var pair = Pair(foreground: number(style.foreground), background: number(style.background))
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

    private static func permille(_ component: UInt8) -> Int32 { Int32(component) * 1000 / 255 }
}
