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
}
