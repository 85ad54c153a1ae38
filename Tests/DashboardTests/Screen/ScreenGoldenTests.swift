import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Golden frames for the screens the other suites do not draw: the events pane, the ECS API
/// header, kept and paused tasks, the scenario banner, and marks partly off screen.
@Suite(.utf8Locale) struct ScreenGoldenTests {
    private func check(_ name: String, _ build: (Int, Int) -> DashboardState, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFrame.check(name, sizes: GoldenFrameTests.sizes, sourceLocation: sourceLocation, build)
    }

    @Test func eventsPaneAfterABulkProtect() {
        check("events-pane") { width, height in
            var state = Fixtures.state(labels: (1...6).map { "api-\($0)" }, width: width, height: height)
            for target in 0..<6 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
            Fixtures.press(&state, .character("a"), .character("p"), .character("e"))
            let at = Fixtures.t0.addingTimeInterval(1)
            let blocked = ProtectionResult.failure(ProtectionFailure(arn: nil, reason: "DEPLOYMENT_BLOCKED", detail: "more protected tasks than desired"))
            for target in 0..<6 {
                let result = target < 4 ? Fixtures.protection(target, enabled: true, minutesLeft: 120, from: at) : blocked
                _ = DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: .put(Fixtures.defaultProtect),
                                                                        response: Fixtures.response(result, at: at))))
            }
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(3)))
            return state
        }
    }

    @Test func ecsAPIHeaderWithCallsPerMinuteAndADiscoveryProblem() {
        check("ecs-api-header") { width, height in
            var state = HeaderStates.ecsFirstMinute(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .source(.callRateChanged(callsPerMinute: 14.5)))
            return state
        }
    }

    @Test func keptAndPausedTasks() {
        check("keep") { width, height in
            var state = Fixtures.state(labels: ["web-1", "web-2", "web-3"], width: width, height: height)
            for target in 0..<3 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: true, minutesLeft: 100)) }
            Fixtures.press(&state, .character("a"), .character("K"))
            // web-3 is unprotected twice by someone else within one period: its keep pauses.
            guard let change = try? ProtectionChange.protect(minutes: 120) else { return state }
            var at = Fixtures.t0.addingTimeInterval(60)
            Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: false), at: at)
            Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: true, minutesLeft: 120, from: at), at: at, request: .put(change))
            at = Fixtures.t0.addingTimeInterval(600)
            Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: false), at: at)
            _ = DashboardReducer.reduce(&state, .tick(at.addingTimeInterval(1)))
            return state
        }
    }

    @Test func scenarioBanner() {
        check("scenario-banner") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .scenarioProgress(ScenarioBanner(
                name: "seeded-story", nextStep: "fault throttled on ingest", nextAt: Fixtures.t0.addingTimeInterval(27))))
            return state
        }
    }

    @Test func marksPartlyOffScreen() {
        check("marks-off-screen") { width, height in
            var state = Fixtures.state(labels: (1...60).map { String(format: "svc-%02d", $0) }, width: width, height: height)
            for target in 0..<60 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
            // Mark the first two rows, then scroll the cursor down so the first is out of sight.
            Fixtures.press(&state, .character(" "), .character(" "))
            for _ in 0..<(state.pageSize - 2) { Fixtures.press(&state, .down) }
            return state
        }
    }
}
