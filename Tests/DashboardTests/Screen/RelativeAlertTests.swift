import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The expiring window is relative to what was asked: a protection shorter than the window is not
/// "expiring" the moment it is set.
@Suite(.utf8Locale) struct RelativeAlertTests {
    private func tick(_ state: inout DashboardState, _ seconds: TimeInterval) -> [DashboardEffect] {
        DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(seconds)))
    }

    @Test func theWindowIsAQuarterOfAShortProtectionAndWholeForALongOne() {
        let policy = LapseAlertPolicy(alertBefore: 600)
        #expect(policy.window(forPeriod: nil) == 600)
        #expect(policy.window(forPeriod: 600) == 150)
        #expect(policy.window(forPeriod: 300) == 75)
        #expect(policy.window(forPeriod: 7200) == 600)
    }

    @Test func protectingForTenMinutesIsNotExpiringUntilItsLastQuarter() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        Fixtures.press(&state, .character("m"))
        Fixtures.type(&state, "10")
        Fixtures.press(&state, .enter)
        guard let change = try? ProtectionChange.protect(minutes: 10) else { return }
        let answered = Fixtures.t0.addingTimeInterval(0.5)
        let effects = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .put(change), response: Fixtures.response(
            Fixtures.protection(0, enabled: true, minutesLeft: 10, from: answered), at: answered))))
        #expect(!effects.contains { if case .alert = $0 { true } else { false } }, "\(effects)")
        guard let row = state.task(0) else { return }
        #expect(state.displayState(of: row) == .protected)
        #expect(state.counts.lapsingSoon == 0)
        // Reads do not shrink or widen the window the PUT set.
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 10, from: answered), at: Fixtures.t0.addingTimeInterval(2))
        #expect(tick(&state, 449).isEmpty)
        let alerts = tick(&state, 451)
        #expect(alerts.count == 1 && alerts.allSatisfy { if case .alert(0, .expiring) = $0 { true } else { false } }, "\(alerts)")
        #expect(state.task(0).map(state.displayState(of:)) == .expiringSoon)
    }

    @Test func anExpirySetElsewhereWhileWatchedIsJudgedByItsLength() {
        // `protect --keep --minutes 10` from a shell: the dashboard only reads the new expiry.
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        let at = Fixtures.t0.addingTimeInterval(30)
        let effects = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .get, response: Fixtures.response(
            Fixtures.protection(0, enabled: true, minutesLeft: 10, from: at.addingTimeInterval(-2)), at: at))))
        #expect(effects.isEmpty)
        #expect(state.task(0).map(state.displayState(of:)) == .protected)
    }

    @Test func aTaskFirstSeenNearItsExpiryStillShowsExpiring() {
        // Nothing is known of its length: the full window applies, as before.
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 5))
        #expect(state.task(0).map(state.displayState(of:)) == .expiringSoon)
    }
}
