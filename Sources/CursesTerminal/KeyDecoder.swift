import CNcurses
import TerminalUI

/// Turns what `wget_wch` returns into key presses. Pure, so the table is tested without a terminal.
enum KeyDecoder {
    /// What one `wget_wch` result means.
    enum Decoded: Equatable {
        case key(KeyInput)
        /// KEY_RESIZE: ncurses has already resized its screen.
        case resize
        /// A key the dashboard has no use for (mouse, lone control characters, keys ncurses names but we do not).
        case ignored
    }

    /// Decodes a `wget_wch` result: `status` is its return value (OK or KEY_CODE_YES), `value` the
    /// wide character or key code it stored.
    static func decode(status: Int32, value: UInt32) -> Decoded {
        status == KEY_CODE_YES ? decodeKeyCode(Int32(bitPattern: value)) : decodeCharacter(value)
    }

    /// Function-key codes (KEY_*), including the keypad's corner keys some terminals send for
    /// Home/End/PgUp/PgDn.
    static func decodeKeyCode(_ code: Int32) -> Decoded {
        switch code {
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        case KEY_PPAGE, KEY_A3: .key(.pageUp)
        case KEY_NPAGE, KEY_C3: .key(.pageDown)
        case KEY_HOME, KEY_A1: .key(.home)
        case KEY_END, KEY_C1, KEY_LL: .key(.end)
        case KEY_ENTER: .key(.enter)
        case KEY_BACKSPACE: .key(.backspace)
        case KEY_DC: .key(.delete)
        case KEY_RESIZE: .resize
        // KEY_F(n) is KEY_F0 + n, with room for 63 keys.
        case KEY_F0 + 1...KEY_F0 + 63: .key(.function(Int(code - KEY_F0)))
        default: .ignored
        }
    }

    /// Plain characters: control codes for Enter/Esc/Backspace/Tab/Ctrl-C, printable text as is.
    static func decodeCharacter(_ value: UInt32) -> Decoded {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x09: return .key(.tab)
        case 0x03: return .key(.interrupt)
        case 0..<0x20, 0x80..<0xA0: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
