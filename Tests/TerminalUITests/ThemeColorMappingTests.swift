import Testing
@testable import TerminalUI

@Suite struct ThemeColorMappingTests {
    @Test func rgbMapsToTheNearestXterm256Index() {
        #expect(XTermPalette.nearestIndex256(to: RGB(255, 0, 0)) == 196)
        #expect(XTermPalette.nearestIndex256(to: RGB(128, 128, 128)) == 244)
        #expect(XTermPalette.nearestIndex256(to: RGB(0, 0, 0)) == 16)
        #expect(XTermPalette.nearestIndex256(to: RGB(255, 255, 255)) == 231)
        #expect(XTermPalette.nearestIndex256(to: RGB(255, 135, 0)) == 208)
        #expect(XTermPalette.nearestIndex256(to: RGB(0x30, 0x30, 0x30)) == 236)
    }

    @Test func everyCubeAndGreyIndexMapsBackToItself() {
        for index in UInt8(16)...255 {
            let rgb = XTermPalette.rgb(ofIndex: index)
            // 16 and 231 duplicate no grey; greys 232–255 never sit on the cube, so all are exact.
            #expect(XTermPalette.rgb(ofIndex: XTermPalette.nearestIndex256(to: rgb)) == rgb)
        }
        #expect(XTermPalette.rgb(ofIndex: 208) == RGB(255, 135, 0))
        #expect(XTermPalette.rgb(ofIndex: 232) == RGB(8, 8, 8))
        #expect(XTermPalette.rgb(ofIndex: 255) == RGB(238, 238, 238))
    }

    @Test func rgbMapsToTheNearestOf16And8() {
        #expect(XTermPalette.nearestANSI(to: RGB(255, 0, 0), count: 16) == ANSIColor.brightRed.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(255, 0, 0), count: 8) == ANSIColor.red.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(0, 0, 0), count: 8) == ANSIColor.black.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(255, 255, 255), count: 16) == ANSIColor.brightWhite.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(255, 255, 255), count: 8) == ANSIColor.white.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(128, 128, 128), count: 16) == ANSIColor.brightBlack.rawValue)
        #expect(XTermPalette.nearestANSI(to: RGB(0x26, 0x8b, 0xd2), count: 8) == ANSIColor.cyan.rawValue)
    }

    @Test func themeColoursResolvePerCapability() {
        let orange = ThemeColor.rgb(RGB(255, 135, 0))
        #expect(orange.resolved(for: .direct) == .rgb(RGB(255, 135, 0)))
        #expect(orange.resolved(for: .indexed256) == .palette(208))
        #expect(orange.resolved(for: .ansi16) == .palette(ANSIColor.yellow.rawValue))
        #expect(orange.resolved(for: .none) == .terminalDefault)

        #expect(ThemeColor.indexed(196).resolved(for: .indexed256) == .palette(196))
        #expect(ThemeColor.indexed(196).resolved(for: .ansi16) == .palette(ANSIColor.brightRed.rawValue))
        #expect(ThemeColor.indexed(196).resolved(for: .ansi8) == .palette(ANSIColor.red.rawValue))
        #expect(ThemeColor.indexed(12).resolved(for: .ansi16) == .palette(12))
        #expect(ThemeColor.indexed(244).resolved(for: .ansi16) == .palette(ANSIColor.brightBlack.rawValue))

        #expect(ThemeColor.named(.brightGreen).resolved(for: .indexed256) == .palette(10))
        #expect(ThemeColor.named(.brightGreen).resolved(for: .ansi8) == .palette(ANSIColor.green.rawValue))
        #expect(ThemeColor.named(.blue).resolved(for: .ansi8) == .palette(ANSIColor.blue.rawValue))
        #expect(ThemeColor.terminalDefault.resolved(for: .direct) == .terminalDefault)
    }

    @Test func resolvedColoursStayWithinTheCapability() {
        let samples: [ThemeColor] = ANSIColor.allCases.map { .named($0) }
            + stride(from: 0, through: 255, by: 7).map { .indexed(UInt8($0)) }
            + [.rgb(RGB(1, 2, 3)), .rgb(RGB(200, 100, 50)), .rgb(RGB(255, 255, 255))]
        for color in samples {
            if case .palette(let index) = color.resolved(for: .ansi8) { #expect(index < 8) } else { Issue.record("\(color)") }
            if case .palette(let index) = color.resolved(for: .ansi16) { #expect(index < 16) } else { Issue.record("\(color)") }
        }
    }

    @Test func noColourKeepsOnlyTheAttributes() {
        let style = ThemeStyle(foreground: .named(.red), background: .rgb(RGB(0, 0, 0)), attributes: [.bold, .underline])
        #expect(style.resolved(for: .none)
            == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [.bold, .underline]))
    }

    @Test func coloursThatCollapseTogetherStillLeaveTextReadable() {
        // Bright white on white is two colours with 16, one with 8: the text must not vanish.
        let style = ThemeStyle(foreground: .named(.brightWhite), background: .named(.white))
        #expect(style.resolved(for: .ansi16).foreground == .palette(15))
        #expect(style.resolved(for: .ansi8) == ResolvedStyle(foreground: .palette(0), background: .palette(7), attributes: []))
        let onDark = ThemeStyle(foreground: .rgb(RGB(0, 0, 40)), background: .named(.black))
        #expect(onDark.resolved(for: .ansi8).foreground == .palette(7))
        // Same colour on purpose stays as written.
        let hidden = ThemeStyle(foreground: .named(.blue), background: .named(.blue))
        #expect(hidden.resolved(for: .ansi8).foreground == .palette(4))
    }

    @Test func capabilityDetection() {
        #expect(ColorCapability.detect(environment: ["NO_COLOR": "1", "TERM": "xterm-256color"]) == .none)
        #expect(ColorCapability.detect(environment: ["NO_COLOR": "", "TERM": "xterm-256color"]) == .indexed256)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm-256color"], noColorFlag: true) == .none)
        #expect(ColorCapability.detect(environment: ["NO_COLOR": "yes"], terminalColorCount: 256) == .none)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm"], terminalColorCount: 256) == .indexed256)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm"]) == .ansi8)
        #expect(ColorCapability.detect(environment: ["TERM": "rxvt-16color"]) == .ansi16)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == .direct)
        #expect(ColorCapability.detect(environment: ["TERM": "dumb"]) == .none)
        #expect(ColorCapability.detect(environment: [:]) == .none)
        #expect(ColorCapability.fromColorCount(-1) == .none)
        #expect(ColorCapability.fromColorCount(8) == .ansi8)
        #expect(ColorCapability.fromColorCount(88) == .ansi16)
        #expect(ColorCapability.fromColorCount(16_777_216) == .direct)
    }
}
