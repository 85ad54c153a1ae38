@testable import CursesTerminal
import Testing

@Suite struct ColorMappingTests {
    @Test func cubeCornersMapToCubeEntries() {
        #expect(ColorMapping.nearestIndexed256(.init(255, 0, 0)) == 196)
        #expect(ColorMapping.nearestIndexed256(.init(0, 255, 0)) == 46)
        #expect(ColorMapping.nearestIndexed256(.init(0, 0, 255)) == 21)
        #expect(ColorMapping.nearestIndexed256(.init(255, 255, 255)) == 231)
        #expect(ColorMapping.nearestIndexed256(.init(0, 0, 0)) == 16)
    }

    @Test func inBetweenColorsSnapToNearestCubeLevel() {
        // 100 is nearest 95 (level 1), 200 nearest 215 (level 4), 30 nearest 0 (level 0).
        #expect(ColorMapping.nearestIndexed256(.init(100, 200, 30)) == 16 + 36 * 1 + 6 * 4 + 0)
    }

    @Test func greysPreferTheGreyRamp() {
        #expect(ColorMapping.nearestIndexed256(.init(128, 128, 128)) == 244)
        #expect(ColorMapping.nearestIndexed256(.init(40, 40, 40)) == 235)
        #expect(ColorMapping.nearestIndexed256(.init(238, 238, 238)) == 255)
    }

    @Test func paletteIndicesRoundTripThroughRGB() {
        for index in 16...255 {
            let rgb = ColorMapping.rgb(ofPaletteIndex: UInt8(index))
            let back = ColorMapping.nearestIndexed256(rgb)
            #expect(ColorMapping.rgb(ofPaletteIndex: UInt8(back)) == rgb, "index \(index)")
        }
    }

    @Test func nearestANSI16AndANSI8() {
        #expect(ColorMapping.nearestANSI(.init(250, 10, 10), count: 16) == 9)
        #expect(ColorMapping.nearestANSI(.init(250, 10, 10), count: 8) == 1)
        #expect(ColorMapping.nearestANSI(.init(130, 130, 130), count: 16) == 8)
        #expect(ColorMapping.nearestANSI(.init(130, 130, 130), count: 8) == 7)
        #expect(ColorMapping.nearestANSI(.init(10, 10, 10), count: 8) == 0)
        #expect(ColorMapping.nearestANSI(.init(0, 180, 190), count: 16) == 6)
    }

    @Test func colorNumbersPerDepth() {
        let orange = TerminalColor.rgb(255, 135, 0)
        #expect(ColorMapping.colorNumber(orange, depth: .direct) == 0xFF8700)
        #expect(ColorMapping.colorNumber(orange, depth: .indexed256) == 208)
        #expect(ColorMapping.colorNumber(orange, depth: .ansi16) == 3)
        #expect(ColorMapping.colorNumber(orange, depth: .ansi8) == 3)
        #expect(ColorMapping.colorNumber(orange, depth: .none) == nil)
        #expect(ColorMapping.colorNumber(.default, depth: .ansi8) == -1)
        #expect(ColorMapping.colorNumber(.ansi(12), depth: .ansi16) == 12)
        #expect(ColorMapping.colorNumber(.ansi(12), depth: .ansi8) == 4)
        #expect(ColorMapping.colorNumber(.ansi(196), depth: .ansi16) == 9)
        #expect(ColorMapping.colorNumber(.ansi(3), depth: .direct) == 3)
        #expect(ColorMapping.colorNumber(.ansi(9), depth: .direct) == 0xFF0000)
        // Packed values below 8 would be read as ANSI colours on xterm-direct.
        #expect(ColorMapping.colorNumber(.rgb(0, 0, 0), depth: .direct) == 8)
    }

    @Test func depthFromColorCount() {
        #expect(ColorDepth.forColorCount(0) == .none)
        #expect(ColorDepth.forColorCount(8) == .ansi8)
        #expect(ColorDepth.forColorCount(16) == .ansi16)
        #expect(ColorDepth.forColorCount(256) == .indexed256)
        #expect(ColorDepth.forColorCount(0x100_0000) == .direct)
    }
}
