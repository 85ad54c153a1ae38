import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import Testing

/// Long, skewed and absurd expiration dates in the task table.
@Suite(.utf8Locale) struct CountdownColumnTests {
    private func line(of label: String, in state: DashboardState) throws -> String {
        let frame = DashboardRenderer.render(state)
        // The row itself (the header may hold the same word, e.g. "lapsing soon").
        return try #require(frame.textLines.first { $0.dropFirst(3).hasPrefix(label + " ") })
    }

    private func answer(_ state: inout DashboardState, _ target: Int, expiry: Date) {
        let protection = TaskProtection(enabled: true, expirationDate: expiry, taskArn: Fixtures.arn("t\(target)"))
        Fixtures.answer(&state, target, .protection(protection), at: Fixtures.t0)
    }

    @Test func aCountdownOfDaysStaysInItsColumn() throws {
        var state = Fixtures.state(labels: ["far"], width: 80)
        answer(&state, 0, expiry: Fixtures.t0.addingTimeInterval(12 * 86_400 + 4 * 3600 + 30))
        let text = try line(of: "far", in: state)
        // The countdown, a space, then the local expiry time: the columns do not run together.
        #expect(text.contains("12d04h"))
        #expect(text.contains("12d04h    16:00:30 "), "\(text)")
        let longest = Fixtures.t0.addingTimeInterval(277 * 3600 + 46 * 60 + 39)
        answer(&state, 0, expiry: longest)
        let longText = try line(of: "far", in: state)
        #expect(longText.contains("11d13h"), "\(longText)")
    }

    @Test func anAbsurdExpirationIsFlaggedNotShownAsATime() throws {
        var state = Fixtures.state(labels: ["ancient", "future"], width: 80)
        answer(&state, 0, expiry: try #require(RFC3339.parse("0001-01-01T00:00:00Z")))
        answer(&state, 1, expiry: try #require(RFC3339.parse("9999-12-31T23:59:59Z")))
        for label in ["ancient", "future"] {
            let text = try line(of: label, in: state)
            #expect(text.contains("bad date"), "\(text)")
            #expect(!text.contains(":00:00") && !text.contains("d23h"), "\(text)")
        }
    }

    @Test func anIgnoredAgentClockIsShownInTheHeader() throws {
        var state = Fixtures.state(labels: ["one"], width: 120)
        var offset = ClockOffset.zero
        offset.rejectedMeasurement = 1.2e9
        _ = DashboardReducer.reduce(&state, .monitor(.clockOffsetChanged(offset)))
        #expect(state.clockOffset == 0)
        let header = DashboardRenderer.render(state).textLines.prefix(2).joined()
        #expect(header.contains("agent clock absurd, ignored"))
    }

    @Test func eachRowSaysWhenItsCountdownNextChanges() throws {
        var state = Fixtures.state(labels: ["soon", "off"], width: 80)
        // The expiry carries milliseconds; the answer's `Date` reads t0, when it arrived.
        answer(&state, 0, expiry: Fixtures.t0.addingTimeInterval(90.75))
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: false))
        // The header's smoothed agent clock no longer moves a countdown: only the answer's own clocks do.
        _ = DashboardReducer.reduce(&state, .monitor(.clockOffsetChanged(0.3)))
        #expect(state.nextCountdownChange(of: state.tasks[1]) == nil)
        var shown: [String] = []
        for _ in 0..<3 {
            let wake = try #require(state.nextCountdownChange(of: state.tasks[0]))
            #expect(wake > state.now)
            _ = DashboardReducer.reduce(&state, .tick(wake))
            shown.append(try line(of: "soon", in: state))
        }
        // 90.75 s left at t0 by the answer's own clocks: the first change is 0.75 s later, then one a second.
        #expect(abs(state.now.timeIntervalSince(Fixtures.t0) - 2.75) < 0.001)
        #expect(shown.map { $0.contains("1m29s") } == [true, false, false])
        #expect(shown.last?.contains("1m27s") == true)
    }
}
