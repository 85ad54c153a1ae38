import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Alerts before a lapse: the row flashes once, an `.alert` effect rings and logs, once per expiry.
@Suite(.utf8Locale) struct LapseAlertReducerTests {
    private func tick(_ state: inout DashboardState, _ seconds: TimeInterval) -> [DashboardEffect] {
        DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(seconds)))
    }

    @Test func enteringTheWindowAlertsOnceThenTheLapseAlertsOnce() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 15))
        #expect(tick(&state, 299).isEmpty)
        #expect(tick(&state, 300) == [.alert(0, .expiring(remaining: 600))])
        #expect(state.isFlashing(0) && state.status?.isError == true)
        #expect(state.lapsingSoonCount == 1)
        #expect(tick(&state, 301.5).isEmpty)
        #expect(!state.isFlashing(0), "it flashes once")
        #expect(tick(&state, 900) == [.alert(0, .lapsed)])
        #expect(tick(&state, 901).isEmpty)
        // The agent then answers "not protected": the same lapse, no second alert.
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: Fixtures.t0.addingTimeInterval(902))
        #expect(tick(&state, 903).isEmpty)
    }

    @Test func anUnprotectByTheOperatorIsNoLapse() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 15))
        _ = DashboardReducer.reduce(&state, .key(.character("u")))
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: Fixtures.t0.addingTimeInterval(5), request: .put(.unprotect))
        #expect(tick(&state, 1000).isEmpty)
    }

    @Test func theAlertWindowFollowsAlertBefore() {
        var state = Fixtures.state(labels: ["a", "b"], alertBefore: 120)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 15))
        #expect(tick(&state, 300).isEmpty)
        #expect(tick(&state, 780) == [.alert(0, .expiring(remaining: 120))])
    }
}

/// `e`: the events pane uses the rows the table leaves free, newest last, every task merged.
@Suite(.utf8Locale) struct EventsPaneTests {
    @Test func theEventsPaneShowsTheLatestEventsOfEveryTask() {
        var state = Fixtures.state(labels: ["a", "b"], width: 80, height: 14)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 15))
        Fixtures.answer(&state, 1, Fixtures.throttled, status: 400, at: Fixtures.t0.addingTimeInterval(1))
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(2)))
        _ = DashboardReducer.reduce(&state, .key(.character("p")))
        var lines = DashboardRenderer.render(state).textLines
        #expect(!lines.contains { $0.contains(" events ") }, "closed by default")
        _ = DashboardReducer.reduce(&state, .key(.character("e")))
        lines = DashboardRenderer.render(state).textLines
        let title = lines.firstIndex { $0.contains("─ events ─") }
        #expect(title == 3 + 2 + 1, "\(lines.joined(separator: "\n"))")
        let events = lines.dropFirst((title ?? 0) + 1).prefix(while: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(events.count == 3, "\(lines.joined(separator: "\n"))")
        #expect(events.last?.contains("a") == true && events.last?.contains("PUT") == true, "\(events)")
        #expect(events.contains { $0.contains("b") && $0.contains("ThrottlingException") }, "\(events)")
        // The detail pane takes the space back.
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(!DashboardRenderer.render(state).textLines.contains { $0.contains("─ events ─") })
    }
}
