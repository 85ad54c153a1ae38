import CNcurses
import TerminalUI

/// Reading ncurses' idea of the screen back, for tests of the drawing path.
extension CursesTerminal {
    /// The text ncurses holds for row `y` (continuation cells of wide characters are not repeated).
    package func screenText(row y: Int) -> String {
        syncMirror()
        var buffer = [wchar_t](repeating: 0, count: size.width + 1)
        let count = mvwinnwstr(screenWindow, Int32(y), 0, &buffer, Int32(size.width))
        guard count != ERR else { return "" }
        return String(String.UnicodeScalarView(
            buffer.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    /// The character, attributes (without colour) and colour pair ncurses holds at column `x`, row `y`.
    package func screenCell(x: Int, y: Int) -> (character: Character?, attributes: attr_t, pair: Int32) {
        syncMirror()
        var cell = cchar_t()
        guard mvwin_wch(screenWindow, Int32(y), Int32(x), &cell) != ERR else { return (nil, 0, -1) }
        var text = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var shortPair: Int16 = 0
        _ = getcchar(&cell, &text, &attributes, &shortPair, nil)
        let character = Unicode.Scalar(UInt32(bitPattern: text[0])).map(Character.init)
        return (character, ecs_cell_attrs(&cell), ecs_cell_pair(&cell))
    }

    /// The colour pair a role is drawn with (0 = terminal default).
    package func pairNumber(for role: StyleRole) -> Int32 { currentPairs[role] ?? 0 }
}
