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
