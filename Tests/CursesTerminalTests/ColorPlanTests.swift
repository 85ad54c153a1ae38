@testable import CursesTerminal
import TerminalUI
import Testing

@Suite struct ColorPlanTests {
    private let black = ResolvedColor.palette(ANSIColor.black.rawValue)
    private let cyan = ResolvedColor.palette(ANSIColor.cyan.rawValue)

    private var palette: StylePalette {
        [
            .header: ResolvedStyle(foreground: black, background: cyan, attributes: .bold),
            .footer: ResolvedStyle(foreground: black, background: cyan, attributes: []),
            .error: ResolvedStyle(foreground: .palette(196), background: .terminalDefault, attributes: []),
            .muted: ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .dim),
        ]
    }

    private func capabilities(
        _ capability: ColorCapability, pairs: Int = 256, defaults: Bool = true
    ) -> ColorPlan.Capabilities {
        .init(capability: capability, pairLimit: pairs, defaultColors: defaults)
    }

    @Test func onePairPerDistinctColorCombination() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.indexed256))
        #expect(plan.pairs == [.init(foreground: 0, background: 6), .init(foreground: 196, background: -1)])
        #expect(plan.pairByRole[.header] == plan.pairByRole[.footer])
        #expect(plan.pairByRole[.error] == 2)
        // Default colours and roles the palette leaves out use pair 0.
        #expect(plan.pairByRole[.muted] == 0)
        #expect(plan.pairByRole[.text] == 0)
    }

    @Test func noColorMeansNoPairs() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.none))
        #expect(plan.pairs.isEmpty)
        #expect(plan.pairByRole.isEmpty)
    }

    @Test func pairsBeyondTheLimitFallBackToDefault() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.indexed256, pairs: 2))
        #expect(plan.pairs.count == 1)
        #expect(plan.pairByRole[.error] == 0)
    }

    @Test func withoutDefaultColorsDefaultsBecomeWhiteOnBlack() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.ansi8, defaults: false))
        #expect(plan.pairByRole[.text] == plan.pairByRole[.muted])
        #expect(plan.pairs.contains(.init(foreground: 7, background: 0)))
    }

    @Test func resolvedColoursBecomeCursesColourNumbers() {
        #expect(ColorPlan.colorNumber(.terminalDefault, for: .ansi8) == -1)
        #expect(ColorPlan.colorNumber(.palette(12), for: .ansi16) == 12)
        #expect(ColorPlan.colorNumber(.palette(208), for: .indexed256) == 208)
        #expect(ColorPlan.colorNumber(.rgb(RGB(255, 135, 0)), for: .direct) == 0xFF8700)
    }

    @Test func directColourKeepsTheEightANSIColoursAndPacksTheRest() {
        // xterm-direct reads numbers below 8 as ANSI colours and the rest as 0xRRGGBB.
        #expect(ColorPlan.colorNumber(.palette(3), for: .direct) == 3)
        #expect(ColorPlan.colorNumber(.palette(9), for: .direct) == 0xFF0000)
        #expect(ColorPlan.colorNumber(.palette(208), for: .direct) == 0xFF8700)
        #expect(ColorPlan.colorNumber(.rgb(RGB(0, 0, 0)), for: .direct) == 8)
        let plan = ColorPlan(palette: [.error: ResolvedStyle(
            foreground: .rgb(RGB(0x26, 0x8B, 0xD2)), background: .palette(0), attributes: [])],
            capabilities: capabilities(.direct))
        #expect(plan.pairs == [.init(foreground: 0x268BD2, background: 0)])
    }

    @Test func coloursOutsideTheCapabilityAreFittedAgain() {
        // A palette resolved for a richer terminal still draws: nearest colour, never a bad number.
        #expect(ColorPlan.colorNumber(.palette(196), for: .ansi16) == 9)
        #expect(ColorPlan.colorNumber(.palette(12), for: .ansi8) == 4)
        #expect(ColorPlan.colorNumber(.rgb(RGB(255, 135, 0)), for: .indexed256) == 208)
        #expect(ColorPlan.colorNumber(.rgb(RGB(255, 135, 0)), for: .ansi8) == 3)
        #expect(ColorPlan.colorNumber(.palette(9), for: .none) == -1)
    }

    @Test func aThemePaletteGetsPairsForItsColouredRoles() {
        let plan = ColorPlan(palette: Theme.bundledDefault.palette(for: .ansi8), capabilities: capabilities(.ansi8))
        #expect(!plan.pairs.isEmpty)
        #expect(plan.pairs.allSatisfy { $0.foreground < 8 && $0.background < 8 })
        #expect(Set(plan.pairByRole.keys) == Set(StyleRole.allCases))
    }
}
