import TerminalUI
import TerminalTestSupport
import Testing

/// Frames are compared as plain memory, row by row: these check that the bytes say what the cells do.
@Suite(.utf8Locale) struct FrameComparisonTests {
    private static let texts = ["a", "b", " ", "…", "日", "é", "👍🏽", "x"]
    private static let roles: [StyleRole] = [.text, .muted, .header, .selection, .error]

    /// A cell's every byte is a stored value: no padding whose contents could differ between equal cells.
    @Test func aCellHasNoPadding() {
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
    }

    /// Cells made in different ways (written whole, as ASCII, set through `text`, copied) compare
    /// equal exactly when their text and role do.
    @Test func equalCellsMadeDifferentlyAreEqualFrames() {
        var written = Frame(width: 6, height: 2)
        written.write("ab 日", x: 0, y: 1, role: .header)
        var assembled = Frame(width: 6, height: 2)
        assembled[0, 1] = Cell(text: "a", role: .header)
        assembled[1, 1] = Cell(text: "b", role: .header)
        var space = Cell(text: "z", role: .header)
        space.text = " "
        assembled[2, 1] = space
        assembled[3, 1] = Cell(text: "日", role: .header)
        assembled[4, 1] = Cell(text: "", role: .header)
        #expect(written == assembled)
        assembled[5, 0] = Cell(text: " ", role: .muted)
        #expect(written != assembled)
        #expect(Frame(width: 3, height: 2) != Frame(width: 2, height: 3))
        // Frames without columns compare, and diff, without reading any cell.
        #expect(Frame(width: 0, height: 2) == Frame(width: 0, height: 2))
        #expect(FrameDiff.changedCells(from: Frame(width: 0, height: 2), to: Frame(width: 0, height: 2)).isEmpty)
    }

    /// Random edits: frame equality and the changed cells agree with a comparison cell by cell.
    @Test func comparisonsAgreeWithCellByCellOnRandomEdits() {
        var generator = SplitMix(seed: 0x5eed)
        for _ in 0..<300 {
            let width = Int.random(in: 1...12, using: &generator)
            let height = Int.random(in: 1...6, using: &generator)
            var before = Frame(width: width, height: height)
            for _ in 0..<Int.random(in: 0...10, using: &generator) { edit(&before, using: &generator) }
            var after = before
            for _ in 0..<Int.random(in: 0...3, using: &generator) { edit(&after, using: &generator) }
            let cellByCell = (0..<height).allSatisfy { y in (0..<width).allSatisfy { x in before[x, y] == after[x, y] } }
            #expect((before == after) == cellByCell)
            var expected: [FrameDiff.Position] = []
            for y in 0..<height {
                for x in 0..<width where !after[x, y].isContinuation && after[x, y] != before[x, y] {
                    expected.append(FrameDiff.Position(x: x, y: y))
                }
            }
            #expect(FrameDiff.changedCells(from: before, to: after) == expected)
        }
    }

    /// A cleared frame is the frame the initialiser makes, at its size or another, and a frame
    /// that shared its cells keeps them.
    @Test func aClearedFrameIsAFreshOneAndItsCopiesKeepTheirCells() {
        var frame = Frame(width: 8, height: 3)
        frame.write("日本 ok", x: 0, y: 1, role: .header)
        let copy = frame
        frame.clear(width: 8, height: 3, fill: .muted)
        #expect(frame == Frame(width: 8, height: 3, fill: .muted))
        #expect(copy[0, 1].text == "日" && copy[0, 1].role == .header, "the copy's cells are its own")
        frame.write("x", x: 2, y: 2, role: .error)
        frame.clear(width: 5, height: 4)
        #expect(frame == Frame(width: 5, height: 4))
        frame.clear(width: -1, height: 2)
        #expect(frame == Frame(width: 0, height: 2) && frame.cells.isEmpty)
    }

    private func edit(_ frame: inout Frame, using generator: inout SplitMix) {
        let text = Self.texts.randomElement(using: &generator)!
        let role = Self.roles.randomElement(using: &generator)!
        frame.write(text, x: Int.random(in: 0..<frame.width, using: &generator),
                    y: Int.random(in: 0..<frame.height, using: &generator), role: role)
    }
}
