import CNcurses
@testable import CursesTerminal
import TerminalUI
import Testing

@Suite struct KeyDecoderTests {
    private func code(_ keyCode: Int32) -> KeyDecoder.Decoded {
        KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(bitPattern: keyCode))
    }

    private func character(_ value: UInt32) -> KeyDecoder.Decoded {
        KeyDecoder.decode(status: OK, value: value)
    }

    @Test func functionKeys() {
        let table: [(Int32, KeyInput)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_A1, .home), (KEY_C1, .end), (KEY_A3, .pageUp), (KEY_C3, .pageDown),
            (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
        ]
        for (keyCode, expected) in table {
            #expect(code(keyCode) == .key(expected), "key code \(keyCode)")
        }
        #expect(code(KEY_RESIZE) == .resize)
        #expect(code(KEY_F0 + 5) == .key(.function(5)))
        #expect(code(KEY_F0 + 10) == .key(.function(10)))
        #expect(code(KEY_MOUSE) == .ignored)
    }

    @Test func controlCharacters() {
        #expect(character(13) == .key(.enter))
        #expect(character(10) == .key(.enter))
        #expect(character(27) == .key(.escape))
        #expect(character(127) == .key(.backspace))
        #expect(character(8) == .key(.backspace))
        #expect(character(9) == .key(.tab))
        #expect(character(3) == .key(.interrupt))
        #expect(character(1) == .ignored)
        #expect(character(0x85) == .ignored)
    }

    @Test func printableCharacters() {
        #expect(character(UInt32(UInt8(ascii: "q"))) == .key(.character("q")))
        #expect(character(UInt32(UInt8(ascii: " "))) == .key(.character(" ")))
        #expect(character(0x00E9) == .key(.character("é")))
        #expect(character(0x65E5) == .key(.character("日")))
        #expect(character(0x1F600) == .key(.character("😀")))
        // A surrogate is not a scalar.
        #expect(character(0xD800) == .ignored)
    }
}
