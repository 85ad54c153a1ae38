import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// A frame digest stands for what the drill's record decides, not for how one operator looked at
/// it: a live dashboard on the services view, grouped, with columns hidden, takes the digest a
/// replay in the plain task view takes.
@Suite(.utf8Locale) struct FrameDigestTests {
    private let instant = Fixtures.t0.addingTimeInterval(5)

    @Test func theOperatorsViewChoicesDoNotChangeTheDigest() {
        let plain = Fixtures.demoState(width: 120, height: 40)
        let view = FrameDigest.View(of: plain)
        let expected = FrameDigest.digest(of: plain, at: instant, view: view)
        var looked = plain
        Fixtures.press(&looked, .character("c"), .character(" "), .escape)   // hide the first column
        Fixtures.press(&looked, .character("S"), .character(" "), .character("e"), .character("d"))
        #expect(looked.hiddenColumns.count == 1 && looked.groupByService && !looked.marks.isEmpty)
        #expect(FrameDigest.digest(of: looked, at: instant, view: view) == expected)
        Fixtures.press(&looked, .character(":"))
        Fixtures.type(&looked, "svc")
        Fixtures.press(&looked, .enter)
        #expect(looked.view == .services)
        #expect(FrameDigest.digest(of: looked, at: instant, view: view) == expected)
    }

    /// An alert's flash starts at whichever tick raised it, which is the live loop's timing: the
    /// digest leaves it out (the alert is recorded on its own).
    @Test func anAlertsFlashIsNotPartOfTheDigest() {
        var state = Fixtures.state(labels: ["worker-1"], width: 120, height: 40, alertBefore: 60)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 2))
        let view = FrameDigest.View(of: state)
        let quiet = FrameDigest.digest(of: state, at: Fixtures.t0.addingTimeInterval(61), view: view)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(60.5)))
        #expect(state.isFlashing(0), "the alert a minute before the expiry flashes the row")
        #expect(FrameDigest.digest(of: state, at: Fixtures.t0.addingTimeInterval(61), view: view) == quiet)
    }

    @Test func whatTheRecordDecidesChangesTheDigest() {
        var state = Fixtures.demoState(width: 120, height: 40)
        let view = FrameDigest.View(of: state)
        let before = FrameDigest.digest(of: state, at: instant, view: view)
        #expect(FrameDigest.digest(of: state, at: instant.addingTimeInterval(1), view: view) != before, "a second later, countdowns moved")
        Fixtures.answer(&state, 3, Fixtures.protection(3, enabled: true, minutesLeft: 10))
        #expect(FrameDigest.digest(of: state, at: instant, view: view) != before, "a task turned protected")
    }
}
