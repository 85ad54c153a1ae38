/// Which cells a terminal must rewrite to go from one frame to the next.
public enum FrameDiff {
    /// A cell position.
    public struct Position: Hashable, Sendable {
        public var x: Int
        public var y: Int

        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    /// Cells of `next` that differ from `previous`, row by row, left to right. Every cell is listed
    /// when there is no previous frame or its size differs. Continuation cells (the right half of a
    /// wide character) are never listed: writing the wide character fills them. Left-to-right order
    /// matters: a wide character written over the left half of an old one blanks its right half, and
    /// that right half, having changed too, is rewritten afterwards.
    public static func changedCells(from previous: Frame?, to next: Frame) -> [Position] {
        let comparable = previous.map { $0.width == next.width && $0.height == next.height } ?? false
        var positions: [Position] = []
        for y in 0..<next.height {
            appendChanges(in: y, from: comparable ? previous : nil, to: next, into: &positions)
        }
        return positions
    }

    /// ``changedCells(from:to:)`` when only the rows in `rows` can differ, as the one who drew
    /// `next` knows: every other row is taken as it was, unread. Rows are visited in ascending
    /// order whatever the order given; a row outside the frame is ignored.
    public static func changedCells(from previous: Frame, to next: Frame, inRows rows: [Int]) -> [Position] {
        guard previous.width == next.width, previous.height == next.height else { return changedCells(from: previous, to: next) }
        var positions: [Position] = []
        // A step changes a few cells of each row it names: one allocation, not one per doubling.
        positions.reserveCapacity(min(rows.count * 16, 512))
        var last = -1
        for y in rows.sorted() where y > last && y < next.height {
            appendChanges(in: y, from: previous, to: next, into: &positions)
            last = y
        }
        return positions
    }

    /// The changed cells of row `y`, left to right (all of them when there is no previous frame of
    /// the same size).
    private static func appendChanges(in y: Int, from previous: Frame?, to next: Frame, into positions: inout [Position]) {
        // Most rows of a frame are those of the last: skip them in one comparison.
        if let previous, next.rowEquals(previous, y: y) { return }
        for x in 0..<next.width {
            let cell = next[x, y]
            if cell.isContinuation { continue }
            if let previous, previous[x, y] == cell { continue }
            positions.append(Position(x: x, y: y))
        }
    }
}
