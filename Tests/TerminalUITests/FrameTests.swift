import TerminalTestSupport
import Testing
@testable import TerminalUI

@Suite(.utf8Locale) struct FrameTests {
    @Test func wideCharactersTakeTwoColumnsAndAreNeverSplit() {
        var frame = Frame(width: 8, height: 1)
        let written = frame.write("a日本語", x: 0, y: 0, role: .text, maxWidth: 6)
        #expect(written == 5)
        #expect(frame.textLines == ["a日本   "])
        #expect(frame[2, 0].isContinuation)
    }

    @Test func ellipsisMarksCutTextOnly() {
        var cut = Frame(width: 10, height: 1)
        #expect(cut.write("ThrottlingException", x: 0, y: 0, role: .error, maxWidth: 8, ellipsis: true) == 8)
        #expect(cut.textLines == ["Throttl…  "])
        var fits = Frame(width: 10, height: 1)
        fits.write("Rate", x: 0, y: 0, role: .error, maxWidth: 8, ellipsis: true)
        #expect(fits.textLines == ["Rate      "])
        var wide = Frame(width: 10, height: 1)
        wide.write("日本語日本語", x: 0, y: 0, role: .text, maxWidth: 6, ellipsis: true)
        #expect(wide.textLines == ["日本…     "])
    }
}

/// The printable-ASCII path of `Frame.write` against the grapheme path it short-cuts.
@Suite("Frame ASCII writes", .utf8Locale)
struct FrameASCIIWriteTests {
    @Test func printableASCIIGivesTheSameCellsAsTheGraphemePath() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array((0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let x = Int.random(in: -5...25, using: &random)
            let limit = min(24, x + Int.random(in: 0...30, using: &random))
            let ellipsis = Bool.random(using: &random)
            var fast = Frame(width: 24, height: 1)
            var general = Frame(width: 24, height: 1)
            let fastColumns = fast.writePrintableASCII(text, x: x, y: 0, role: .text, limit: limit, ellipsis: ellipsis)
            let generalColumns = general.writeGraphemes(text, x: x, y: 0, role: .text, limit: limit, ellipsis: ellipsis)
            #expect(fast == general, "\(text) at \(x), limit \(limit), ellipsis \(ellipsis)")
            #expect(fastColumns == generalColumns)
        }
    }

    @Test func anythingElseTakesTheGraphemePath() {
        var frame = Frame(width: 10, height: 1)
        let written = frame.write("a\u{1B}[2Jé", x: 0, y: 0, role: .text)
        // The escape is shown inert, not acted on, and é stays one cell.
        #expect(frame.textLines[0].hasPrefix("a"))
        #expect(!frame.textLines[0].contains("\u{1B}"))
        #expect(frame.textLines[0].contains("é"))
        #expect(frame.textLines == ["a\\x1b[2Jé "])
        #expect(written == 9)
    }
}

/// A cell's text held in place.
@Suite("Cell text")
struct CellTextTests {
    @Test func textUpToSixteenBytesComesBackWhole() {
        for text in ["", " ", "a", "é", "e\u{301}", "日", "👍🏽", "🇫🇷", "❤️", "\u{1B}", "abcdefghijklmnop"] {
            #expect(Cell(text: text, role: .text).text == text, "\(text.debugDescription)")
        }
    }

    @Test func longerTextKeepsItsFirstWholeScalarsThatFit() {
        // A family emoji: 5 scalars, 18 bytes. Its first three scalars take 11 bytes, a fourth (4) fits too.
        let family = "👨\u{200D}👩\u{200D}👧"
        let kept = Cell(text: family, role: .text).text
        #expect(kept.utf8.count <= 16)
        #expect(family.unicodeScalars.starts(with: kept.unicodeScalars))
        #expect(kept.unicodeScalars.count == 4)
        // The terminal is sent at most four scalars either way.
        #expect(FrameEncoder.glyph(kept, utf8: true) == FrameEncoder.glyph(family, utf8: true))
        let zalgo = "e" + String(repeating: "\u{301}", count: 40)
        #expect(Cell(text: zalgo, role: .text).text == "e" + String(repeating: "\u{301}", count: 7))
    }

    @Test func equalTextsAreEqualCellsWhicheverWayTheyWereMade() {
        var rewritten = Cell(text: "日本", role: .text)
        rewritten.text = "a"
        #expect(rewritten == Cell(text: "a", role: .text))
        #expect(Cell.blank(.muted) == Cell(text: " ", role: .muted))
        #expect(Cell(text: "a", role: .text) != Cell(text: "b", role: .text))
        #expect(Cell(text: "", role: .text).isContinuation)
        #expect(!Cell.blank().isContinuation)
    }
}
