/// Text measured and cut in display columns.
public enum ColumnText {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces when possible.
    public static func wrap(_ text: String, width: Int) -> [String] {
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
