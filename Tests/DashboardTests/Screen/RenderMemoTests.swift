import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// A frame drawn with the lines a memo kept from the frames before is the frame drawn afresh.
@Suite(.utf8Locale) struct RenderMemoTests {
    private static let keys: [KeyInput] = [
        .character("j"), .character("k"), .character("p"), .character("u"), .character(" "), .character("v"),
        .character("F"), .character("s"), .character("/"), .character("w"), .enter, .escape, .character("m"),
        .character("M"), .character("K"), .character("e"), .character("d"), .character("?"), .character("G"),
    ]

    /// Keys, answers (protected, unprotected, failures), ticks and resizes in random order: after
    /// each, the memo's frame equals a fresh render of the same state.
    @Test func framesDrawnWithTheMemoAreFramesDrawnAfresh() {
        var generator = SeededRandomNumberGenerator(seed: 2026)
        for run in 0..<8 {
            var state = Fixtures.demoState(width: 120, height: 30, ecsCluster: run % 2 == 0 ? nil : "prod")
            var model = DashboardViewModel(state)
            var memo = RenderMemo()
            var frame = Frame(width: 0, height: 0)
            var now = Fixtures.t0
            for _ in 0..<150 {
                let event: DashboardEvent
                switch Int.random(in: 0..<10, using: &generator) {
                case 0...3: event = .key(Self.keys.randomElement(using: &generator)!)
                case 4...5: event = Fixtures.randomAnswer(at: now, minutes: 1...200, using: &generator)
                case 6:
                    event = .resize(width: [100, 120, 160].randomElement(using: &generator)!, height: [24, 30].randomElement(using: &generator)!)
                default:
                    now = now.addingTimeInterval(Double.random(in: 0...90, using: &generator))
                    event = .tick(now)
                }
                _ = DashboardReducer.reduce(&state, event, viewModel: &model)
                model.settle(for: state)
                DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo)
                #expect(frame == DashboardRenderer.render(state), "after \(event)")
            }
        }
    }

    /// The row copy the memos keep and restore lines with: a row copied from a frame of the same
    /// width is the same cells; anything else changes nothing.
    @Test func aRowCopiedBetweenFramesOfOneWidthIsTheSame() {
        var source = Frame(width: 6, height: 2)
        source.write("日本ab", x: 0, y: 1, role: .header)
        var target = Frame(width: 6, height: 2)
        target.copyRow(1, from: source, row: 1)
        #expect(target == source)
        target.copyRow(0, from: Frame(width: 5, height: 2, fill: .error), row: 0)
        target.copyRow(0, from: source, row: 2)
        target.copyRow(-1, from: source, row: 1)
        #expect(target == source, "another width, or a row outside either frame, is refused")
        var empty = Frame(width: 0, height: 0)
        empty.copyRow(0, from: Frame(width: 0, height: 0), row: 0)
        #expect(empty.cells.isEmpty)
        #expect(source.row(5).isEmpty)
    }
}
