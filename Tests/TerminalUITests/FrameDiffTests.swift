import TerminalUI
import TerminalTestSupport
import Testing

@Suite(.utf8Locale) struct FrameDiffTests {
    private func positions(_ list: [FrameDiff.Position]) -> [[Int]] { list.map { [$0.x, $0.y] } }

    @Test func withoutPreviousFrameEveryCellIsWritten() {
        let frame = Frame(width: 3, height: 2)
        #expect(FrameDiff.changedCells(from: nil, to: frame).count == 6)
    }

    @Test func identicalFramesWriteNothing() {
        var frame = Frame(width: 10, height: 3)
        frame.write("hello 日本", x: 0, y: 1, role: .header)
        #expect(FrameDiff.changedCells(from: frame, to: frame).isEmpty)
    }

    @Test func textAndRoleChangesAreListedInRowOrder() {
        let before = Frame(width: 5, height: 2)
        var after = before
        after.write("x", x: 3, y: 1, role: .text)
        after.fill(x: 1, y: 0, width: 1, height: 1, role: .selection)
        #expect(positions(FrameDiff.changedCells(from: before, to: after)) == [[1, 0], [3, 1]])
    }

    @Test func wideCharactersSkipTheirContinuationCell() {
        let before = Frame(width: 4, height: 1)
        var after = before
        after.write("日", x: 1, y: 0, role: .text)
        #expect(positions(FrameDiff.changedCells(from: before, to: after)) == [[1, 0]])
    }

    @Test func replacingAWideCharacterRewritesBothHalves() {
        var before = Frame(width: 4, height: 1)
        before.write("日", x: 1, y: 0, role: .text)
        var after = before
        after.write("ab", x: 1, y: 0, role: .text)
        #expect(positions(FrameDiff.changedCells(from: before, to: after)) == [[1, 0], [2, 0]])
    }

    @Test func sizeChangeRewritesEverything() {
        let before = Frame(width: 4, height: 1)
        let after = Frame(width: 5, height: 1)
        #expect(FrameDiff.changedCells(from: before, to: after).count == 5)
    }

    /// Told which rows can differ, the diff reads only those, in row order, whatever order or
    /// repeats they came in; rows outside the frame are ignored, another size is compared whole.
    @Test func theRowsNamedAreComparedInRowOrder() {
        var before = Frame(width: 8, height: 5)
        before.write("abc", x: 0, y: 1, role: .text)
        var after = before
        after.write("日x", x: 2, y: 3, role: .header)
        after.write("z", x: 5, y: 1, role: .text)
        let whole = FrameDiff.changedCells(from: before, to: after)
        #expect(FrameDiff.changedCells(from: before, to: after, inRows: [3, 1, 3, 9, -1]) == whole)
        #expect(positions(FrameDiff.changedCells(from: before, to: after, inRows: [3])) == [[2, 3], [4, 3]])
        #expect(FrameDiff.changedCells(from: before, to: after, inRows: [0, 2, 4]).isEmpty, "rows not named are not read")
        #expect(FrameDiff.changedCells(from: Frame(width: 4, height: 1), to: Frame(width: 5, height: 1), inRows: []).count == 5)
    }

    /// A frame's cells copied into another of the same size are the same; another size takes its place.
    @Test func cellsCopiedFromAFrameMakeTheSameFrame() {
        var source = Frame(width: 6, height: 2)
        source.write("日本ab", x: 0, y: 1, role: .header)
        var target = Frame(width: 6, height: 2, fill: .error)
        target.copyCells(of: source)
        #expect(target == source)
        var small = Frame(width: 2, height: 1)
        small.copyCells(of: source)
        #expect(small == source)
    }
}

/// Two frames in turn: a step starts from the frame shown, whatever the spare frame held.
@Suite struct FrameBuffersTests {
    /// Steps and whole frames in random order, each drawn into the spare frame: after each, the
    /// frame shown is the one the drawing meant, though a step copies only the rows the last one changed.
    @Test func stepsStartFromTheFrameShown() {
        var generator = SystemRandomNumberGenerator()
        var expected = Frame(width: 12, height: 6)
        var buffers = FrameBuffers(shown: expected)
        for round in 0..<400 {
            if Int.random(in: 0..<4, using: &generator) == 0 {
                // A whole frame: every row anew.
                var whole = Frame(width: 12, height: 6)
                for y in 0..<6 { whole.write(String(round % 1000) + String(y), x: y, y: y, role: .text) }
                let shownBefore = buffers.shown
                let changed = buffers.drawWhole { $0 = whole }
                #expect(changed == (whole != shownBefore))
                expected = whole
            } else {
                // A step: one or two rows of the frame shown changed, and named.
                let rows = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Int.random(in: 0..<6, using: &generator) }
                var target = expected
                for y in rows { target.write("s\(round)", x: Int.random(in: 0..<8, using: &generator), y: y, role: .header) }
                let drawn = buffers.step { frame in
                    #expect(frame == expected, "a step starts from the frame shown")
                    for y in rows { frame.copyRow(y, from: target, row: y) }
                    return rows
                }
                #expect(drawn == rows)
                expected = target
            }
            #expect(buffers.shown == expected)
        }
    }

    /// A step that gives up leaves the frame shown as it was.
    @Test func aStepThatGivesUpShowsNothingNew() {
        var first = Frame(width: 4, height: 2)
        first.write("ab", x: 0, y: 0, role: .text)
        var buffers = FrameBuffers(shown: first)
        #expect(buffers.step { _ in nil } == nil)
        #expect(buffers.shown == first)
        #expect(buffers.step { _ in [] } == [])
        #expect(buffers.shown == first)
        #expect(!buffers.drawWhole { $0 = first }, "an equal frame is not shown again")
        #expect(buffers.drawWhole(always: true) { $0 = first })
    }
}
