@testable import CursesTerminal
import Dashboard
import Testing

@Suite struct ColorPlanTests {
    private let palette: StylePalette = [
        .header: TerminalStyle(foreground: .black, background: .cyan, bold: true),
        .footer: TerminalStyle(foreground: .black, background: .cyan),
        .error: TerminalStyle(foreground: .rgb(255, 0, 0)),
        .muted: TerminalStyle(dim: true),
    ]

    private func capabilities(
        _ depth: ColorDepth, pairs: Int = 256, canChange: Bool = false, defaults: Bool = true
    ) -> ColorPlan.Capabilities {
        .init(depth: depth, colorCount: depth == .indexed256 ? 256 : 16, pairLimit: pairs,
              canChangeColor: canChange, defaultColors: defaults)
    }

    @Test func onePairPerDistinctColorCombination() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.indexed256))
        #expect(plan.pairs == [.init(foreground: 0, background: 6), .init(foreground: 196, background: -1)])
        #expect(plan.pairByRole[.header] == plan.pairByRole[.footer])
        #expect(plan.pairByRole[.error] == 2)
        // Default colours and roles the palette leaves out use pair 0.
        #expect(plan.pairByRole[.muted] == 0)
        #expect(plan.pairByRole[.text] == 0)
        #expect(plan.customColors.isEmpty)
    }

    @Test func noColorMeansNoPairs() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.none))
        #expect(plan.pairs.isEmpty)
        #expect(plan.pairByRole.isEmpty)
    }

    @Test func sixteenColorTerminalsGetNearestANSI() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.ansi16))
        #expect(plan.pairs.last == .init(foreground: 9, background: -1))
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

    @Test func redefinableTerminalsGetExactRGBSlots() {
        let plan = ColorPlan(palette: palette, capabilities: capabilities(.indexed256, canChange: true))
        #expect(plan.customColors == [.init(slot: 255, red: 1000, green: 0, blue: 0)])
        #expect(plan.pairs.last == .init(foreground: 255, background: -1))
    }
}
