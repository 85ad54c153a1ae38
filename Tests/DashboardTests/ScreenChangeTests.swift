import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import Testing

/// When the dashboard must wake by itself: only for what is on screen, countdowns exactly, close
/// countdowns sharing one wake-up, never when nothing on screen changes with time.
@Suite(.utf8Locale) struct ScreenChangeTests {
    private func protect(_ state: inout DashboardState, _ target: Int, secondsLeft: Double) {
        Fixtures.answer(&state, target, Fixtures.protection(target, enabled: true, minutesLeft: secondsLeft / 60))
    }

    @Test func nothingCountingAndNothingAnsweredSleeps() {
        let state = Fixtures.state(labels: ["a", "b", "c"], width: 120, height: 40)
        #expect(state.nextScreenChange() == nil)
    }

    @Test func closeCountdownsShareOneWakeUpAndNoneIsEarly() throws {
        var state = Fixtures.state(labels: ["a", "b", "c"], width: 120, height: 40)
        protect(&state, 0, secondsLeft: 3600.30)
        protect(&state, 1, secondsLeft: 1800.32)
        protect(&state, 2, secondsLeft: 900.70)
        let changes = try [0, 1, 2].map { try #require(state.task($0).flatMap { state.nextCountdownChange(of: $0) }) }
        let unshared = state.nextScreenChange(sharing: 0, ageLag: 10)
        #expect(unshared == changes.min(), "without sharing, the earliest countdown")
        let wake = try #require(state.nextScreenChange(sharing: 0.04, ageLag: 10))
        #expect(wake == max(changes[0], changes[1]), "a and b are 20 ms apart: one wake-up at the later")
        #expect(wake < changes[2])
        _ = DashboardReducer.reduce(&state, .tick(wake))
        let after = try #require(state.nextScreenChange(sharing: 0.04, ageLag: 10))
        let third = try #require(state.task(2).flatMap { state.nextCountdownChange(of: $0) })
        #expect(after == third, "then c, about 0.4 s later")
        #expect(abs(third.timeIntervalSince(changes[2])) < 0.01)
    }

    @Test func rowsScrolledOffScreenDoNotWakeTheDashboard() {
        var state = Fixtures.state(labels: (0..<40).map { "task-\($0 < 10 ? "0" : "")\($0)" }, width: 80, height: 24)
        protect(&state, 39, secondsLeft: 600.5)
        #expect(!state.onScreenIDs.contains(39))
        #expect(state.nextScreenChange(sharing: 0.04, ageLag: 3600) == nil,
                "only the off-screen row counts down or has an answer")
        Fixtures.press(&state, .end)
        #expect(state.onScreenIDs.contains(39))
        let change = state.task(39).flatMap { state.nextCountdownChange(of: $0) }
        #expect(change != nil)
        #expect(state.nextScreenChange(sharing: 0.04, ageLag: 3600) == change)
    }

    /// Alerts are for every task, on screen or not: an off-screen protected row wakes the dashboard
    /// once, when it enters its alert window, not every second; unprotected rows arm nothing.
    @Test func anOffScreenProtectedRowWakesOnlyForItsAlert() throws {
        var state = Fixtures.state(labels: (0..<40).map { "task-\($0 < 10 ? "0" : "")\($0)" }, width: 80, height: 24)
        for target in 0..<10 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
        #expect(state.nextBackgroundDeadline() == nil, "nothing protected: nothing armed")
        protect(&state, 39, secondsLeft: 1800)
        #expect(!state.onScreenIDs.contains(39))
        let expiry = try #require(state.task(39).flatMap { state.localExpiry(of: $0) })
        let windowStart = expiry.addingTimeInterval(-state.expiringSoonThreshold)
        #expect(state.nextBackgroundDeadline() == windowStart)
        _ = DashboardReducer.reduce(&state, .tick(windowStart))
        #expect(state.nextBackgroundDeadline().map { $0 > windowStart } ?? false,
                "after the expiring alert, the next deadline is later (the flash's end or the lapse)")
    }

    @Test func anAnswerWithoutCountdownWakesWhenItsAgeChanges() {
        var state = Fixtures.state(labels: ["a"], width: 120, height: 40)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: Fixtures.t0)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(0.2)))
        #expect(state.nextScreenChange(sharing: 0.04, ageLag: 0.25) == Fixtures.t0.addingTimeInterval(1.25))
    }

    @Test(arguments: [(0.0, 1.0), (5.3, 6.0), (99.5, 100.0), (100.0, 120.0), (5999.0, 6000.0), (7000.0, 7200.0),
                      (172_799.5, 172_800.0), (200_000.0, 259_200.0)])
    func agesChangeWhenTheirTextDoes(elapsed: Double, next: Double) {
        let start = Fixtures.t0
        #expect(DashboardViewModel.nextAgeChange(since: start, after: start.addingTimeInterval(elapsed)) == start.addingTimeInterval(next))
    }
}

/// An action's age in the detail pane ("protect 60m: sent (3s)") steps on its own second, not
/// the last answer's: the dashboard wakes for it as it does for the answer's age.
@Suite(.utf8Locale) struct ActionAgeScreenChangeTests {
    @Test func aPendingActionsAgeWakesTheDashboard() throws {
        var state = Fixtures.state(labels: ["a"], width: 120, height: 40)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: Fixtures.t0)
        let sentAt = Fixtures.t0.addingTimeInterval(0.5)
        _ = DashboardReducer.reduce(&state, .tick(sentAt))
        let effects = Fixtures.press(&state, .character("p"), .enter)
        #expect(effects.contains { if case .put = $0 { true } else { false } }, "the protect went out")
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(1.3)))
        #expect(DashboardRenderer.render(state).textLines.joined(separator: "\n").contains("sent (0s)"))
        // The answer's age turned 1s at t0 + 1 and turns 2s at t0 + 2; the action's turns 1s at t0 + 1.5.
        let wake = try #require(state.nextScreenChange(sharing: 0.04, ageLag: 0.25))
        #expect(wake == sentAt.addingTimeInterval(1.25))
        _ = DashboardReducer.reduce(&state, .tick(wake))
        #expect(DashboardRenderer.render(state).textLines.joined(separator: "\n").contains("sent (1s)"))
    }
}

/// The header's "agent … failing for 3s" counts on its own second, even with none of the failing
/// source's tasks on screen to wake the dashboard.
@Suite(.utf8Locale) struct HeaderAgeScreenChangeTests {
    @Test func aFailingSourcesAgeWakesTheDashboard() throws {
        let endpoints = [("a", 51679), ("b", 51680)].map { (label: String, port: Int) in
            Endpoint(label: label, agentURI: "http://127.0.0.1:\(port)/api/\(label)", scheme: "http", host: "127.0.0.1", port: port)
        }
        var state = DashboardState(endpoints: endpoints, now: Fixtures.t0, timeZone: Fixtures.utc, width: 120, height: 40)
        Fixtures.answer(&state, 0, .transport(.connectionRefused), status: nil, at: Fixtures.t0)
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: false), at: Fixtures.t0.addingTimeInterval(0.5))
        _ = Fixtures.type(&state, "/b")
        _ = Fixtures.press(&state, .enter)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(0.6)))
        let screen = DashboardRenderer.render(state).textLines
        #expect(!screen.contains { $0.contains("a ") && $0.contains("UNKNOWN") }, "only b is on screen")
        #expect(screen[1].contains("failing for 0s"), "\(screen[1])")
        // b's answer age turns 1s at t0 + 1.5; the header's at t0 + 1.
        let wake = try #require(state.nextScreenChange(sharing: 0.04, ageLag: 0.25))
        #expect(wake == Fixtures.t0.addingTimeInterval(1.25))
        _ = DashboardReducer.reduce(&state, .tick(wake))
        #expect(DashboardRenderer.render(state).textLines[1].contains("failing for 1s"))
    }
}

/// A drill's banner counts down to its next step ("next in 45s") on that step's own second.
@Suite(.utf8Locale) struct ScenarioBannerScreenChangeTests {
    @Test func theBannersCountdownWakesTheDashboard() throws {
        var state = Fixtures.state(labels: ["a"], width: 120, height: 40)
        let nextAt = Fixtures.t0.addingTimeInterval(45.3)
        _ = DashboardReducer.reduce(&state, .scenarioProgress(ScenarioBanner(name: "drill", nextStep: "agent down", nextAt: nextAt)))
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(0.1)))
        #expect(DashboardRenderer.render(state).textLines[1].contains("next in 46s"))
        // 45.2 s left reads 46s until 45 s are left, at t0 + 0.3.
        let wake = try #require(state.nextScreenChange(sharing: 0.04, ageLag: 0.25))
        #expect(abs(wake.timeIntervalSince(Fixtures.t0.addingTimeInterval(0.55))) < 1e-6, "\(wake.timeIntervalSince(Fixtures.t0))")
        _ = DashboardReducer.reduce(&state, .tick(wake))
        #expect(DashboardRenderer.render(state).textLines[1].contains("next in 45s"))
    }
}
