@testable import CursesTerminal
import Testing

@Suite struct CellGlyphTests {
    @Test func textBecomesNulTerminatedWideCharacters() {
        #expect(CellGlyph.wideCharacters(for: "a") == [0x61, 0])
        #expect(CellGlyph.wideCharacters(for: "日") == [0x65E5, 0])
        // e + combining acute stays one cell.
        #expect(CellGlyph.wideCharacters(for: "e\u{301}") == [0x65, 0x301, 0])
    }

    @Test func controlCharactersAndEmptyTextBecomeASpace() {
        #expect(CellGlyph.wideCharacters(for: "\n") == [0x20, 0])
        #expect(CellGlyph.wideCharacters(for: "\u{1B}") == [0x20, 0])
        #expect(CellGlyph.wideCharacters(for: "\u{85}") == [0x20, 0])
        #expect(CellGlyph.wideCharacters(for: "") == [0x20, 0])
    }

    @Test func longGraphemesAreCutToWhatACellHolds() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
        #expect(CellGlyph.wideCharacters(for: family).count == CellGlyph.maximumScalars + 1)
    }
}
