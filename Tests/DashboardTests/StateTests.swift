import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import Testing

/// Derived state: countdowns, expiring soon, lapsed, stale, and the time texts.
@Suite(.utf8Locale) struct StateTests {
    let t0 = Fixtures.t0

    @Test func countdownUsesTheAnswersOwnClocks() {
        var state = Fixtures.state()
        // ExpirationDate minus the same answer's Date: 600 s, whatever the local clock says.
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 10), at: t0)
        #expect(state.remaining(of: state.tasks[0]) == 600)
        #expect(state.displayState(of: state.tasks[0]) == .protected)
        // An answer whose `Date` is a second later than when it arrived: 599 s left from its arrival.
        let ahead = ProtectionResponse(result: Fixtures.protection(1, enabled: true, minutesLeft: 10), httpStatus: 200,
                                       serverDate: t0.addingTimeInterval(1), sentAt: t0.addingTimeInterval(-0.05), receivedAt: t0)
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 1, request: .get, response: ahead)))
        #expect(state.remaining(of: state.tasks[1]) == 599)
        #expect(state.displayState(of: state.tasks[1]) == .expiringSoon)
        // The header's smoothed agent clock does not move a countdown.
        _ = DashboardReducer.reduce(&state, .monitor(.clockOffsetChanged(30)))
        #expect(state.remaining(of: state.tasks[0]) == 600)
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(599)))
        #expect(state.displayState(of: state.tasks[1]) == .lapsed)
        // With a one-minute window the same protection is not yet expiring 100 s before its end.
        var narrow = Fixtures.state(alertBefore: 60)
        Fixtures.answer(&narrow, 0, Fixtures.protection(0, enabled: true, minutesLeft: 10), at: t0)
        _ = DashboardReducer.reduce(&narrow, .tick(t0.addingTimeInterval(500)))
        #expect(narrow.displayState(of: narrow.tasks[0]) == .protected)
    }

    @Test func staleAfterThreeEffectiveIntervals() {
        var state = Fixtures.state()
        #expect(!state.isStale(state.tasks[0]), "no answer yet is UNKNOWN, not stale")
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: t0)
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(6)))
        #expect(!state.isStale(state.tasks[0]))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(6.5)))
        #expect(state.isStale(state.tasks[0]))
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(5)))
        #expect(!state.isStale(state.tasks[0]), "a stretched interval moves the limit")
        #expect(state.displayState(of: state.tasks[0]) == .unprotected, "the last good state stays")
    }

    @Test func unknownBeforeTheFirstAnswer() {
        let state = Fixtures.state()
        #expect(state.tasks.allSatisfy { state.displayState(of: $0) == .unknown })
    }

    @Test func stateTextsAndRoles() {
        #expect(TaskDisplayState.allCases.map(\.rawValue) == ["PENDING", "LAPSED", "EXPIRING", "PROTECTED", "UNPROTECTED", "UNKNOWN", "GONE"])
        #expect(TaskDisplayState.gone.role == .muted)
        #expect(TaskDisplayState.lapsed.role == .lapsed)
        #expect(TaskDisplayState.expiringSoon.role == .expiringSoon)
        #expect(TaskDisplayState.unknown.role == .muted)
    }

    @Test func renderedCountdownsAndAges() {
        var state = Fixtures.state(labels: ["a", "b", "c"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 119 + 7.0 / 60), at: t0)
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 4 + 5.0 / 60), at: t0)
        Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: true, minutesLeft: 42.0 / 60, from: t0.addingTimeInterval(-125)),
                        at: t0.addingTimeInterval(-125))
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(60)))
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines[3].contains("1h59m07s  13:59:07 0s"))
        #expect(lines[4].contains("4m05s     12:04:05 0s"))
        #expect(lines[5].contains("LAPSED      0s"), "42 s from two minutes ago has run out")
        #expect(lines[5].contains(" 2m "), "ages over 99 s are shown in minutes")
    }

    @Test func expiryTimesUseTheInjectedTimeZone() {
        var state = Fixtures.state(labels: ["a"], timeZone: LocalTimeOffsets(fixedSeconds: 9 * 3600))
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 30), at: t0)
        #expect(DashboardRenderer.render(state).textLines[3].contains("21:30:00"))
    }
}
