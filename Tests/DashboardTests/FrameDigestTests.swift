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

    @Test func whatTheRecordDecidesChangesTheDigest() {
        var state = Fixtures.demoState(width: 120, height: 40)
        let view = FrameDigest.View(of: state)
        let before = FrameDigest.digest(of: state, at: instant, view: view)
        #expect(FrameDigest.digest(of: state, at: instant.addingTimeInterval(1), view: view) != before, "a second later, countdowns moved")
        Fixtures.answer(&state, 3, Fixtures.protection(3, enabled: true, minutesLeft: 10))
        #expect(FrameDigest.digest(of: state, at: instant, view: view) != before, "a task turned protected")
    }
}
