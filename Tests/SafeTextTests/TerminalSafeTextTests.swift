import Testing
@testable import SafeText

@Suite struct TerminalSafeTextTests {
    @Test func controlsBecomeVisibleEscapes() {
        #expect(TerminalSafeText.inert("a\u{1B}[2Jb") == #"a\x1b[2Jb"#)
        #expect(TerminalSafeText.inert("\r\n\t\u{00}\u{7F}") == #"\x0d\x0a\x09\x00\x7f"#)
        #expect(TerminalSafeText.inert("\u{9B}31m\u{85}") == #"\x9b31m\x85"#)
    }

    @Test func bidiControlsAndLineSeparatorsAreNeutralised() {
        for scalar in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029] {
            let text = "x" + String(Unicode.Scalar(UInt32(scalar))!) + "y"
            let safe = TerminalSafeText.inert(text)
            #expect(!TerminalSafeText.containsUnsafe(safe))
            #expect(safe == "x\\u" + String(scalar, radix: 16).leftPadded(to: 4) + "y")
        }
    }

    @Test func invisibleFormatCharactersAreShownAndJSONAlsoEscapesTheJoiner() {
        for scalar in [0x200B, 0x200C, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF] {
            let text = "x" + String(Unicode.Scalar(UInt32(scalar))!) + "y"
            #expect(TerminalSafeText.inert(text) == "x\\u" + String(scalar, radix: 16).leftPadded(to: 4) + "y")
        }
        #expect(!TerminalSafeText.isUnsafe("\u{200D}"), "the terminal needs the joiner for emoji")
        for scalar in [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x7F, 0x85, 0x9B, 0x202E, 0xFEFF] {
            #expect(TerminalSafeText.isUnsafeInJSON(Unicode.Scalar(UInt32(scalar))!), "\(scalar)")
        }
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["", "web-1", "arn:aws:ecs:us-west-2:111122223333:task/demo/0123", "日本語 ✓ — é", "👩‍👩‍👧", "\u{00A0}nbsp"] {
            #expect(TerminalSafeText.inert(text) == text)
        }
    }

    @Test func excerptsAreCut() {
        #expect(TerminalSafeText.excerpt(String(repeating: "a", count: 100), limit: 10) == "aaaaaaaaa…")
        #expect(TerminalSafeText.excerpt("short", limit: 10) == "short")
        #expect(TerminalSafeText.excerpt("\u{1B}\u{1B}\u{1B}", limit: 6) == #"\x1b\…"#)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
