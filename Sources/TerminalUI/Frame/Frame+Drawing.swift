/// Drawing helpers a full-screen view needs, all measured in display columns.
extension Frame {
    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, role: StyleRole) {
        for row in max(0, y)..<max(max(0, y), min(self.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) {
                self[column, row] = .blank(role)
            }
        }
    }

    /// A box with a single-line border and an optional title in the top edge; the inside is
    /// blank with `role`.
    public mutating func drawBox(x: Int, y: Int, width: Int, height: Int, role: StyleRole, title: String? = nil) {
        guard width >= 2, height >= 2 else { return }
        fill(x: x, y: y, width: width, height: height, role: role)
        let inner = width - 2
        write("┌" + String(repeating: "─", count: inner) + "┐", x: x, y: y, role: role)
        for row in (y + 1)..<(y + height - 1) {
            write("│", x: x, y: row, role: role)
            write("│", x: x + width - 1, y: row, role: role)
        }
        write("└" + String(repeating: "─", count: inner) + "┘", x: x, y: y + height - 1, role: role)
        if let title, inner > 2 {
            write(" \(title) ", x: x + 2, y: y, role: role, maxWidth: inner - 2, ellipsis: true)
        }
    }

    /// Writes `text` so it ends at column `right` (exclusive). Returns the column it starts at.
    @discardableResult
    public mutating func writeRightAligned(_ text: String, right: Int, y: Int, role: StyleRole) -> Int {
        let start = right - DisplayWidth.of(text)
        write(text, x: start, y: y, role: role)
        return start
    }

    /// Writes `text` centred on row `y`.
    public mutating func writeCentered(_ text: String, y: Int, role: StyleRole) {
        write(text, x: max(0, (width - DisplayWidth.of(text)) / 2), y: y, role: role)
    }

    /// Gives every cell of row `y` its look on the selected line (``StyleRole/onSelection``).
    public mutating func select(y: Int) {
        guard y >= 0, y < height else { return }
        for column in 0..<width { self[column, y].role = self[column, y].role.onSelection }
    }

}
