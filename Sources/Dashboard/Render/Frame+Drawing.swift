/// Drawing helpers the dashboard's views share, all measured in display columns.
extension Frame {
    /// Fills a rectangle with blanks of `role`.
    mutating func fill(x: Int, y: Int, width: Int, height: Int, role: StyleRole) {
        for row in max(0, y)..<max(max(0, y), min(self.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) {
                self[column, row] = .blank(role)
            }
        }
    }

    /// A box with a single-line border and an optional title in the top edge; the inside is
    /// blank with `role`.
    mutating func drawBox(x: Int, y: Int, width: Int, height: Int, role: StyleRole, title: String? = nil) {
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
            write(" \(title) ", x: x + 2, y: y, role: role, maxWidth: inner - 2)
        }
    }

    /// Writes `text` so it ends at column `right` (exclusive). Returns the column it starts at.
    @discardableResult
    mutating func writeRightAligned(_ text: String, right: Int, y: Int, role: StyleRole) -> Int {
        let start = right - DisplayWidth.of(text)
        write(text, x: start, y: y, role: role)
        return start
    }

    /// Writes `text` centred on row `y`.
    mutating func writeCentered(_ text: String, y: Int, role: StyleRole) {
        write(text, x: max(0, (width - DisplayWidth.of(text)) / 2), y: y, role: role)
    }

    /// Changes `from` to `to` on every cell of row `y`.
    mutating func replaceRole(_ from: Set<StyleRole>, with to: StyleRole, y: Int) {
        guard y >= 0, y < height else { return }
        for column in 0..<width where from.contains(self[column, y].role) { self[column, y].role = to }
    }
}

/// Text measured and cut in display columns.
enum ColumnText {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces when possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let wordWidth = DisplayWidth.of(word)
            let separator = line.isEmpty ? 0 : 1
            if lineWidth + separator + wordWidth <= width {
                if separator == 1 { line += " " }
                line += word
                lineWidth += separator + wordWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            lineWidth = 0
            // A word longer than a line is cut wherever the columns run out.
            for character in word {
                let columns = DisplayWidth.of(character)
                if lineWidth + columns > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += columns
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
