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
            // Most rows of a frame are those of the last: skip them in one comparison.
            if comparable, let previous, next.rowEquals(previous, y: y) { continue }
            for x in 0..<next.width {
                let cell = next[x, y]
                if cell.isContinuation { continue }
                if comparable, let previous, previous[x, y] == cell { continue }
                positions.append(Position(x: x, y: y))
            }
        }
        return positions
    }
}
