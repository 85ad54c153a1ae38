import Testing
@testable import TerminalUI

/// Fitting colours to 8 and 16 colours where plain RGB distance misleads, and whole-theme palettes.
@Suite struct ThemePaletteTests {
    @Test func greysStayBlackWhiteOrGreyOnFewColours() {
        // By plain RGB distance mid grey is nearer yellow (205,205,0) than white (229,229,229).
        #expect(XTermPalette.nearestANSI(to: RGB(130, 130, 130), count: 8) == ANSIColor.white.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(130, 130, 130), count: 16) == ANSIColor.brightBlack.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(10, 10, 10), count: 8) == ANSIColor.black.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(250, 250, 240), count: 16) == ANSIColor.brightWhite.rawValue)
        #expect(ThemeColor.indexed(244).resolved(for: .ansi8) == .palette(ANSIColor.white.rawValue))
        #expect(ThemeColor.rgb(RGB(0x58, 0x58, 0x58)).resolved(for: .ansi16) == .palette(ANSIColor.brightBlack.rawValue))
    }

    @Test func colouredValuesStillFindTheirHue() {
        #expect(XTermPalette.nearestANSI(to: RGB(250, 10, 10), count: 16) == ANSIColor.brightRed.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(250, 10, 10), count: 8) == ANSIColor.red.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(0, 180, 190), count: 16) == ANSIColor.cyan.rawValue)
        // Just beyond the grey tolerance a tinted grey may take a hue again.
        #expect(XTermPalette.nearestANSI(to: RGB(150, 150, 100), count: 8) == ANSIColor.yellow.rawValue)
    }

    @Test func cubeCornersAndInBetweenColoursOn256() {
        #expect(XTermPalette.nearestIndex256(to: RGB(0, 255, 0)) == 46)
        #expect(XTermPalette.nearestIndex256(to: RGB(0, 0, 255)) == 21)
        // 100 is nearest 95 (level 1), 200 nearest 215 (level 4), 30 nearest 0 (level 0).
        #expect(XTermPalette.nearestIndex256(to: RGB(100, 200, 30)) == 16 + 36 * 1 + 6 * 4 + 0)
        #expect(XTermPalette.nearestIndex256(to: RGB(40, 40, 40)) == 235)
        #expect(XTermPalette.nearestIndex256(to: RGB(238, 238, 238)) == 255)
    }

    @Test func paletteCoversEveryRoleForEveryCapability() {
        let sparse = Theme(name: "sparse", origin: .bundled, styles: [.error: ThemeStyle(foreground: .rgb(RGB(255, 0, 0)))])
        for capability in ColorCapability.allCases {
            let palette = sparse.palette(for: capability)
            #expect(Set(palette.keys) == Set(StyleRole.allCases))
            for role in StyleRole.allCases {
                #expect(palette[role] == sparse.style(for: role).resolved(for: capability), "\(role)")
            }
        }
        #expect(sparse.palette(for: .direct)[.error]?.foreground == .rgb(RGB(255, 0, 0)))
        #expect(sparse.palette(for: .indexed256)[.error]?.foreground == .palette(196))
        #expect(sparse.palette(for: .none)[.error]?.foreground == .terminalDefault)
    }

    @Test func plainResolvedStyleIsTheTerminalsOwn() {
        #expect(ResolvedStyle.plain == ThemeStyle.plain.resolved(for: .direct))
    }
}
