import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Golden frames for the overlays and modes the other suites reach only by substring: the column
/// menu, the `:` command line after a Tab, a quick view, help scrolled on a short terminal, and a
/// replay's time cursor with its time prompt.
@Suite(.utf8Locale) struct OverlayGoldenTests {
    private func check(_ name: String, sizes: [(Int, Int)] = GoldenFrameTests.sizes, _ build: (Int, Int) -> DashboardState,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFrame.check(name, sizes: sizes, sourceLocation: sourceLocation, build)
    }

    @Test func columnMenuWithOneColumnHidden() {
        check("column-menu") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            // Open the menu, hide the second column, and leave the highlight on the third.
            Fixtures.press(&state, .character("c"), .down, .character(" "), .down)
            return state
        }
    }

    @Test func commandLineAfterATab() {
        check("command-line") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character(":"))
            Fixtures.type(&state, "ev")
            Fixtures.press(&state, .tab)
            return state
        }
    }

    @Test func quickViewOfFailingTasks() {
        check("quick-view-failing") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("v"))
            return state
        }
    }

    @Test func helpScrolledOnAShortTerminal() {
        check("help-scrolled", sizes: [(80, 16), (120, 20)]) { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("?"), .pageDown)
            return state
        }
    }

    @Test func replayPausedWithTheTimePromptOpen() {
        check("replay-time-prompt") { width, height in
            let endpoints = ["web-1", "web-2", "api-1"].enumerated().map { Fixtures.endpoint($0.element, id: "task\($0.offset)-0123456789abcdef") }
            var state = DashboardState(endpoints: endpoints, now: Fixtures.t0, timeZone: Fixtures.utc, width: width, height: height, replay: true)
            for target in 0..<3 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: target != 2, minutesLeft: 42)) }
            let status = ReplayStatus(cursor: Fixtures.t0, start: Fixtures.t0.addingTimeInterval(-95),
                                      end: Fixtures.t0.addingTimeInterval(505), paused: true, speed: 10, played: 14, total: 61)
            _ = DashboardReducer.reduce(&state, .replayProgress(status))
            Fixtures.press(&state, .character("@"))
            Fixtures.type(&state, "12:3")
            return state
        }
    }
}
