import Foundation
import Testing
@testable import ProtectionCore

@Suite struct JSONStringTests {
    @Test func escapesWhatJSONRequiresAndNothingElseByDefault() {
        #expect(JSONString.literal("a\"b\\c\nd\re\tf\u{1}g<é>") == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g<é>\"")
    }

    @Test func escapesWhatTheCallerPicksIncludingAboveTheBasicPlane() {
        let text = "x<\u{2028}😀"
        let literal = JSONString.literal(text) { $0 == "<" || $0 == "\u{2028}" || $0.value > 0xFFFF }
        #expect(literal == "\"x\\u003c\\u2028\\ud83d\\ude00\"")
    }

    @Test func foundationReadsBackWhatWasWritten() throws {
        let texts = ["plain", "quote \" and \\ backslash", "controls \u{0}\u{7}\u{1b}\u{7f}", "bidi \u{202e}x", "astral 😀𝄞", ""]
        for text in texts {
            let literal = JSONString.literal(text) { $0.value >= 0x7f }
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(decoded == [text], "\(literal)")
        }
    }
}
