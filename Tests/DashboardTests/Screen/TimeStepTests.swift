@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// A tick that moves only the clock is drawn by changing the frame shown where the clock changed
/// it (``DashboardRenderer/renderTimeStep(_:viewModel:into:memo:)``): the frame it makes is the
/// frame drawn afresh, and the rows it names are every row that changed.
@Suite(.utf8Locale) struct TimeStepTests {
    private static let keys: [KeyInput] = [
        .character("j"), .character("k"), .character("p"), .character("u"), .character(" "), .character("v"),
        .character("F"), .character("s"), .character("/"), .character("w"), .enter, .escape, .character("m"),
        .character("d"), .character("e"), .character("G"), .character("S"),
    ]

    /// The session's loop in small: events in, each tick that moved only the clock drawn as a step
    /// where the step can, every other wake-up drawn whole with the memo.
    private struct Loop {
        var state: DashboardState
        var model: DashboardViewModel
        var memo = RenderMemo()
        var frames: FrameBuffers
        var steps = 0
        var rowsDrawnInSteps: Set<Int> = []

        var shown: Frame { frames.shown }

        init(_ state: DashboardState) {
            self.state = state
            model = DashboardViewModel(state)
            var first = Frame(width: 0, height: 0)
            DashboardRenderer.render(state, viewModel: model, into: &first, memo: &memo)
            frames = FrameBuffers(shown: first)
        }

        mutating func take(_ event: DashboardEvent) {
            var onlyTimeMoved = false
            if case .tick(let now) = event {
                onlyTimeMoved = DashboardReducer.reduceTick(&state, at: now, viewModel: &model).onlyTimeMoved
            } else {
                _ = DashboardReducer.reduce(&state, event, viewModel: &model)
            }
            model.settle(for: state)
            let before = frames.shown
            if onlyTimeMoved, let rows = frames.step({ [state, model] frame in
                DashboardRenderer.renderTimeStep(state, viewModel: model, into: &frame, memo: &memo)
            }) {
                steps += 1
                rowsDrawnInSteps.formUnion(rows)
                let changed = Set(FrameDiff.changedCells(from: before, to: frames.shown).map(\.y))
                #expect(changed.isSubset(of: Set(rows)), "after \(event): rows \(changed.subtracting(rows).sorted()) changed unnamed")
                return
            }
            _ = frames.drawWhole { [state, model] frame in DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo) }
        }
    }

    /// Keys, answers (protected, unprotected, failures, throttles that make the source fail),
    /// scenario banners, clock offsets that slew, resizes and ticks a fraction of a second to a
    /// few seconds apart, in random order: after each, the frame equals a fresh render, steps or not.
    @Test(arguments: [nil, "prod"] as [String?])
    func stepsMakeTheFramesDrawnAfresh(cluster: String?) {
        var generator = SeededRandomNumberGenerator(seed: cluster == nil ? 11 : 12)
        var steps = 0
        for _ in 0..<6 {
            var loop = Loop(Fixtures.demoState(width: 120, height: 30, ecsCluster: cluster))
            var now = Fixtures.t0
            for _ in 0..<400 {
                let event: DashboardEvent
                switch Int.random(in: 0..<40, using: &generator) {
                case 0...2: event = .key(Self.keys.randomElement(using: &generator)!)
                case 3...5: event = Fixtures.randomAnswer(at: now, minutes: 0.05...30, using: &generator)
                case 6:
                    event = .scenarioProgress(ScenarioBanner(name: "drill", nextStep: "agent down",
                                                             nextAt: now.addingTimeInterval(Double.random(in: 0...20, using: &generator))))
                case 7:
                    let target = Double.random(in: -3...3, using: &generator)
                    event = .monitor(.clockOffsetChanged(ClockOffset(base: 0, target: target, since: now, slewRate: 0.5)))
                case 8:
                    event = .resize(width: [100, 120].randomElement(using: &generator)!, height: [24, 30].randomElement(using: &generator)!)
                default:
                    now = now.addingTimeInterval(Double.random(in: 0...(Bool.random(using: &generator) ? 0.4 : 3), using: &generator))
                    event = .tick(now)
                }
                loop.take(event)
                let fresh = DashboardRenderer.render(loop.state)
                let same = loop.shown == fresh
                #expect(same, "after \(event): \(Self.firstDifference(loop.shown, fresh))")
            }
            steps += loop.steps
        }
        // Not a test that passes by never stepping: of about 1,800 ticks, those on a plain table
        // (no pane, overlay or filter open) that alerted nothing are steps.
        #expect(steps > 300, "\(steps) steps")
    }

    /// An idle table of ten countdowns: every tick is a step, each drawing the lines whose
    /// countdown stepped, never the header.
    @Test func anIdleTableStepsOnlyItsCountdowns() throws {
        var state = Fixtures.state(labels: (0..<10).map { "task-\($0)" }, width: 120, height: 30)
        for target in 0..<10 {
            Fixtures.answer(&state, target, Fixtures.protection(target, enabled: true, minutesLeft: 30 + Double(target) * 0.113))
        }
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(2)))
        var loop = Loop(state)
        var ticks = 0
        // Within one poll interval: no row turns stale, no age passes the stale mark.
        var instant = Fixtures.t0
        while let change = loop.model.nextScreenChange(in: loop.state, sharing: 0.065, ageLag: 0), change < Fixtures.t0.addingTimeInterval(3) {
            instant = change
            loop.take(.tick(instant))
            ticks += 1
            let fresh = DashboardRenderer.render(loop.state)
            let same = loop.shown == fresh
            #expect(same, "\(Self.firstDifference(loop.shown, fresh))")
        }
        #expect(ticks >= 20)
        #expect(loop.steps == ticks, "every tick of an idle table is a step")
        let tableRows = ScreenLayout.tableTop..<(ScreenLayout.tableTop + 10)
        #expect(loop.rowsDrawnInSteps.isSubset(of: Set(tableRows)), "only task lines: \(loop.rowsDrawnInSteps.sorted())")
        #expect(instant > Fixtures.t0.addingTimeInterval(2))
    }

    /// The first row that differs, as text in both frames.
    private static func firstDifference(_ shown: Frame, _ fresh: Frame) -> String {
        let (left, right) = (shown.textLines, fresh.textLines)
        guard let row = left.indices.first(where: { $0 < right.count && left[$0] != right[$0] }) else { return "same text, other styles" }
        return "row \(row): '\(left[row])' instead of '\(right[row])'"
    }

    /// The reducer says a tick moved only the clock exactly when it changed nothing else: not at
    /// an alert, not when a flash ends.
    @Test func aTickThatAlertsOrEndsAFlashMovesMoreThanTheClock() throws {
        var state = Fixtures.state(labels: ["a", "b"], width: 120, height: 30)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 20))
        var model = DashboardViewModel(state)
        let expiry = try #require(state.task(0)?.expiresAt)
        let alertAt = expiry.addingTimeInterval(-state.expiringSoonThreshold)
        func tick(_ instant: Date) -> Bool {
            let before = state
            let (effects, onlyTime) = DashboardReducer.reduceTick(&state, at: instant, viewModel: &model)
            model.settle(for: state)
            var expected = before
            expected.now = instant
            if onlyTime {
                #expect(effects.isEmpty)
                #expect(state == expected, "only the clock moved")
            } else {
                #expect(state != expected, "something besides the clock moved")
            }
            return onlyTime
        }
        #expect(tick(Fixtures.t0.addingTimeInterval(1)))
        #expect(tick(alertAt.addingTimeInterval(-0.01)))
        #expect(!tick(alertAt), "the expiring alert: the row flashes, the status says so")
        #expect(tick(alertAt.addingTimeInterval(0.5)))
        #expect(!tick(alertAt.addingTimeInterval(DashboardReducer.flashDuration)), "the flash ends")
        #expect(tick(alertAt.addingTimeInterval(DashboardReducer.flashDuration + 0.5)))
    }
}
