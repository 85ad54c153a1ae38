@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Table lines copied from the last frame are the lines a fresh render draws, while the clock moves
/// in steps smaller than a second (so lines are reused), goes back, jumps, and while answers,
/// actions, lifecycles, marks, keeps, alerts and the agent's clock change what a row shows; so
/// are the status line and the key footer while a filter or a command is typed.
@Suite(.utf8Locale) struct TableMemoTests {
    private static let keys: [KeyInput] = [
        .character("j"), .character("k"), .character("g"), .character(" "), .character("a"), .character("M"),
        .character("K"), .character("p"), .character("u"), .character("y"), .character("x"), .character("S"),
        .character("s"), .character("v"), .character("/"), .character(":"), .character("w"), .backspace, .escape, .enter,
    ]

    /// A random event for a dashboard of `count` tasks at `now`.
    private static func event(count: Int, now: Date, using generator: inout SeededRandomNumberGenerator) -> DashboardEvent {
        let target = Int.random(in: 0..<count, using: &generator)
        func answer(_ result: ProtectionResult, status: Int? = 200, request: ProtectionRequest = .get) -> DashboardEvent {
            .monitor(.responded(target: target, request: request, response: Fixtures.response(result, status: status, at: now)))
        }
        switch Int.random(in: 0..<16, using: &generator) {
        case 0...2: return .key(keys.randomElement(using: &generator)!)
        case 3...4:
            // Short protections too, so rows turn EXPIRING, alert, flash and lapse while watched.
            let minutes = [0.05, 0.2, 1, 9.9, 10.02, 45, 200].randomElement(using: &generator)!
            return answer(Fixtures.protection(target, enabled: true, minutesLeft: minutes, from: now))
        case 5: return answer(Fixtures.protection(target, enabled: false))
        case 6: return answer([Fixtures.throttled, Fixtures.taskNotValid, Fixtures.noCredentials].randomElement(using: &generator)!,
                              status: 400)
        case 7: return answer(.transport(.connectionRefused), status: nil)
        case 8: return answer(Fixtures.protection(target, enabled: true, minutesLeft: 120, from: now),
                              request: .put(Fixtures.defaultProtect))
        case 9:
            let leaving = Bool.random(using: &generator)
            let lifecycle = TaskLifecycle(service: "web", taskDefinition: "web:7", lastStatus: leaving ? "STOPPING" : "RUNNING",
                                          desiredStatus: leaving ? "STOPPED" : "RUNNING",
                                          startedAt: now.addingTimeInterval(-Double.random(in: 0...200, using: &generator)),
                                          availabilityZone: "us-east-1a", stopCode: leaving ? "ServiceSchedulerInitiated" : nil)
            return .source(.lifecyclesChanged([target: lifecycle]))
        case 10: return .monitor(.effectiveIntervalChanged([1, 2, 5].randomElement(using: &generator)!))
        case 11:
            // An agent clock far off makes expiries implausible; a slewing one moves with time.
            let offset: ClockOffset = Bool.random(using: &generator)
                ? ClockOffset(fixed: [0, 3, 400 * 86_400].randomElement(using: &generator)!)
                : ClockOffset(base: 0, target: 30, since: now)
            return .monitor(.clockOffsetChanged(offset))
        case 12: return .resize(width: [100, 120].randomElement(using: &generator)!, height: [24, 30].randomElement(using: &generator)!)
        default: return .tick(now)
        }
    }

    @Test(arguments: [false, true])
    func linesCopiedFromTheLastFrameAreLinesDrawnAfresh(throughECS: Bool) {
        var generator = SeededRandomNumberGenerator(seed: throughECS ? 7 : 28)
        var reused = 0, drawn = 0
        for _ in 0..<6 {
            var state = throughECS
                ? ServiceFixtures.state(tasks: (0..<12).map { ServiceFixtures.Task(service: $0 % 3 == 0 ? "api" : "web",
                                                                                   taskDefinition: "web:7", minutesLeft: Double($0) * 3 + 0.3) },
                                        services: [], width: 120, height: 30)
                : Fixtures.demoState(width: 120, height: 30)
            let count = state.tasks.count
            var model = DashboardViewModel(state)
            var memo = RenderMemo()
            var frame = Frame(width: 0, height: 0)
            var now = state.now
            for _ in 0..<300 {
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: now = now.addingTimeInterval(-Double.random(in: 0...2, using: &generator))
                case 1: now = now.addingTimeInterval(Double.random(in: 5...90, using: &generator))
                default: now = now.addingTimeInterval(Double.random(in: 0...0.4, using: &generator))
                }
                let event = Self.event(count: count, now: now, using: &generator)
                // Every event comes with the clock's reading, as the session's wake-ups do.
                _ = DashboardReducer.reduce(&state, .tick(now), viewModel: &model)
                _ = DashboardReducer.reduce(&state, event, viewModel: &model)
                model.settle(for: state)
                DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo)
                let fresh = DashboardRenderer.render(state)
                let same = frame == fresh
                #expect(same, "after \(event) at \(now.timeIntervalSince(Fixtures.t0)): \(Self.difference(frame, fresh))")
                reused += memo.table.linesReused
                drawn += model.onScreenIDs(in: state).count
            }
        }
        // Without reuse the comparison above would prove nothing about the memo.
        #expect(reused > drawn / 4, "\(reused) of \(drawn) lines copied")
    }

    /// The first row at which two frames differ, as text (or "roles" when only styles differ).
    private static func difference(_ frame: Frame, _ fresh: Frame) -> String {
        guard frame != fresh else { return "none" }
        guard frame.width == fresh.width, frame.height == fresh.height else { return "size" }
        for y in 0..<frame.height where frame.row(y) != fresh.row(y) {
            let drawn = frame.textLines[y], expected = fresh.textLines[y]
            return drawn == expected ? "roles of row \(y): \(drawn)" : "row \(y): '\(drawn)' instead of '\(expected)'"
        }
        return "none"
    }

    /// A line is drawn again when its texts change by time alone, and copied while they hold.
    @Test func aLineIsCopiedUntilItsCountdownOrAgeReadsOtherwise() {
        var state = Fixtures.demoState(width: 120, height: 30)
        var model = DashboardViewModel(state)
        var memo = RenderMemo()
        var frame = Frame(width: 0, height: 0)
        DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo)
        #expect(memo.table.linesReused == 0, "nothing to copy on the first frame")

        // The same instant again: every line is copied.
        DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo)
        #expect(memo.table.linesReused == state.tasks.count)

        // Past every row's next countdown step and age: none holds.
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(1)), viewModel: &model)
        model.settle(for: state)
        DashboardRenderer.render(state, viewModel: model, into: &frame, memo: &memo)
        #expect(memo.table.linesReused == 0)
        #expect(frame == DashboardRenderer.render(state))
    }

    /// The instant a row's texts hold until is the first at which one of them reads otherwise.
    @Test func textsHoldUntilTheFirstCountdownStepOrAgeStep() throws {
        var state = Fixtures.demoState(width: 120, height: 30)
        // Row 0 answered at t0 - 1 with an expiry 120 minutes after t0 - 53: next step at a whole second.
        let row = try #require(state.task(0))
        let until = TaskTableView.textsHold(row, state: state)
        #expect(until > state.now)
        #expect(until <= state.now.addingTimeInterval(1))
        func line() -> String? { DashboardRenderer.render(state).textLines.first { $0.contains(row.displayName) } }
        _ = DashboardReducer.reduce(&state, .tick(until.addingTimeInterval(-1e-3)))
        let before = try #require(line())
        _ = DashboardReducer.reduce(&state, .tick(until))
        #expect(try #require(line()) != before, "the row reads otherwise at that instant")
    }
}
