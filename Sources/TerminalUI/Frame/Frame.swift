#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeText

/// A screen's worth of cells, row-major. The renderer fills one per state; the terminal backend
/// writes only the cells that differ from the previous frame.
public struct Frame: Sendable, Equatable {
    /// Columns.
    public private(set) var width: Int
    /// Rows.
    public private(set) var height: Int
    /// `width * height` cells, row by row.
    public private(set) var cells: [Cell]

    /// A frame filled with blank cells of `role`.
    public init(width: Int, height: Int, fill role: StyleRole = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    /// Makes this a frame of `width` by `height` blank cells of `role`, as the initialiser would,
    /// writing over the cells in place when the size is the same and no other frame shares them:
    /// a session that draws into the frame it drew two frames ago allocates nothing per frame.
    public mutating func clear(width: Int, height: Int, fill role: StyleRole = .text) {
        guard max(0, width) == self.width, max(0, height) == self.height else {
            self = Frame(width: width, height: height, fill: role)
            return
        }
        let blank = Cell.blank(role)
        cells.withUnsafeMutableBufferPointer { $0.update(repeating: blank) }
    }

    /// Makes this frame hold `source`'s cells, copied into its own when both are the same size
    /// (a session that changes a few rows of the last frame allocates nothing), else shared.
    public mutating func copyCells(of source: Frame) {
        guard width == source.width, height == source.height, !cells.isEmpty else {
            self = source
            return
        }
        source.cells.withUnsafeBufferPointer { from in
            cells.withUnsafeMutableBufferPointer { to in to.baseAddress!.update(from: from.baseAddress!, count: from.count) }
        }
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` on row `y`, clipped at `maxWidth` columns and at the frame's
    /// edge, never splitting a wide character. With `ellipsis`, text that does not fit ends in `…`
    /// so the operator can tell it was cut. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil, ellipsis: Bool = false) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        // Most of what a dashboard writes is printable ASCII: one byte, one grapheme, one column,
        // and nothing to make inert, so it skips grapheme breaking (the same cells either way).
        if text.utf8.allSatisfy(DisplayWidth.isPrintableASCII) {
            return writePrintableASCII(text, x: x, y: y, role: role, limit: limit, ellipsis: ellipsis)
        }
        return writeGraphemes(text, x: x, y: y, role: role, limit: limit, ellipsis: ellipsis)
    }

    /// ``write(_:x:y:role:maxWidth:ellipsis:)`` for text of printable ASCII only.
    mutating func writePrintableASCII(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int, ellipsis: Bool) -> Int {
        if ellipsis, limit - x >= 2, text.utf8.count > limit - x {
            let written = writePrintableASCII(text, x: x, y: y, role: role, limit: limit - 1, ellipsis: false)
            return written + write("…", x: x + written, y: y, role: role)
        }
        var column = x
        for byte in text.utf8 {
            if column + 1 > limit { break }
            if column >= 0 { self[column, y] = Cell(asciiByte: byte, role: role) }
            column += 1
        }
        return column - x
    }

    /// ``write(_:x:y:role:maxWidth:ellipsis:)`` for any text, grapheme by grapheme.
    mutating func writeGraphemes(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int, ellipsis: Bool) -> Int {
        if ellipsis, limit - x >= 2, DisplayWidth.of(text) > limit - x {
            let written = writeGraphemes(text, x: x, y: y, role: role, limit: limit - 1, ellipsis: false)
            return written + write("…", x: x + written, y: y, role: role)
        }
        var column = x
        for grapheme in TerminalSafeText.inert(text) {
            let columns = DisplayWidth.of(grapheme)
            if columns == 0 { continue }
            if column + columns > limit { break }
            if column >= 0 {
                self[column, y] = Cell(text: String(grapheme), role: role)
                if columns == 2 { self[column + 1, y] = Cell(text: "", role: role) }
            }
            column += columns
        }
        return column - x
    }

    /// The cells of row `y`, left to right; empty for a row outside the frame.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[y * width..<(y + 1) * width]
    }

    /// Sets row `y` to row `sourceRow` of `source`, a frame of the same width (a memo keeps lines
    /// of earlier frames in one); a row outside either frame or another width leaves this frame
    /// as it was. The cells are copied as one block: a cell holds no references.
    public mutating func copyRow(_ y: Int, from source: Frame, row sourceRow: Int) {
        guard width > 0, source.width == width, y >= 0, y < height, sourceRow >= 0, sourceRow < source.height else { return }
        let width = width
        source.cells.withUnsafeBufferPointer { from in
            cells.withUnsafeMutableBufferPointer { to in
                (to.baseAddress! + y * width).update(from: from.baseAddress! + sourceRow * width, count: width)
            }
        }
    }

    /// Fills a whole row with blanks of `role`.
    public mutating func clearRow(_ y: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in 0..<width { self[column, y] = .blank(role) }
    }

    /// Whether row `y` holds the same cells in both frames, which must have the same width and
    /// at least `y + 1` rows.
    func rowEquals(_ other: Frame, y: Int) -> Bool {
        Self.sameCells(cells, other.cells, from: y * width, count: width)
    }

    /// Frames are equal when they have the same size and the same cells.
    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && sameCells(lhs.cells, rhs.cells, from: 0, count: lhs.cells.count)
    }

    /// Whether `count` cells from `start` are the same in both, compared as plain memory where the
    /// cell layout allows (``Cell/comparesAsBytes``). Both must hold `start + count` cells.
    private static func sameCells(_ lhs: [Cell], _ rhs: [Cell], from start: Int, count: Int) -> Bool {
        // An empty array's bytes may have no address at all.
        guard count > 0 else { return true }
        guard Cell.comparesAsBytes else { return lhs[start..<start + count] == rhs[start..<start + count] }
        let stride = MemoryLayout<Cell>.stride
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                memcmp(left.baseAddress! + start * stride, right.baseAddress! + start * stride, count * stride) == 0
            }
        }
    }

    /// The frame's text, one line per row, trailing spaces kept so widths stay visible.
    public var textLines: [String] {
        (0..<height).map { y in
            (0..<width).reduce(into: "") { line, x in line += self[x, y].text }
        }
    }
}
