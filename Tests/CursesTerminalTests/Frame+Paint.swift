import TerminalUI

/// Test helper: restyles cells without touching their text.
extension Frame {
    /// Sets the role of `count` cells from column `x` on row `y`, keeping their text.
    mutating func paint(x: Int, y: Int, count: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) { self[column, y].role = role }
    }
}
