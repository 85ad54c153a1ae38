import Foundation
import Testing
@testable import SafeText

/// The plain text edits must trim exactly what Foundation's character sets trim: the program
/// used `trimmingCharacters(in:)` before and its files and arguments must read the same.
@Suite struct PlainTextEditingTests {
    /// Every scalar of the Basic Multilingual Plane (the Z categories and the zero-width space live in it), around text.
    private static let candidates: [Unicode.Scalar] = (0...0xFFFF).compactMap { Unicode.Scalar(UInt32($0)) }

    @Test func horizontalWhitespaceIsFoundationsWhitespaceSet() {
        for scalar in Self.candidates {
            let text = String(scalar) + "a" + String(scalar) + "b" + String(scalar)
            #expect(text.trimmingHorizontalWhitespace() == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func whitespaceAndNewlinesIsFoundationsSet() {
        for scalar in Self.candidates {
            let text = String(scalar) + "a" + String(scalar) + "b" + String(scalar)
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func trimmingWorksOnScalarsAndSubstrings() {
        #expect(" \u{301}x ".trimmingHorizontalWhitespace() == "\u{301}x")
        #expect("  \t ".trimmingHorizontalWhitespace() == "")
        #expect("\r\n \u{2028}k = v\n".trimmingWhitespaceAndNewlines() == "k = v")
        #expect(" key = value "[...].dropFirst().trimmingHorizontalWhitespace() == "key = value")
        #expect("\nx\n".trimmingHorizontalWhitespace() == "\nx\n")
    }

    @Test func paddingNeverCuts() {
        #expect("ab".paddedWithSpaces(to: 5) == "ab   ")
        #expect("abcdef".paddedWithSpaces(to: 3) == "abcdef")
        #expect("é👍".paddedWithSpaces(to: 4) == "é👍  ")
    }

    @Test func replacingEveryScalarSeesPastCombiningMarks() {
        #expect("a\"b\"\u{301}".replacingEvery("\"", with: "\"\"") == "a\"\"b\"\"\u{301}")
        #expect(#"C:\x"#.replacingEvery("\\", with: "\\e") == #"C:\ex"#)
    }
}
