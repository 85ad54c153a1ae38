@testable import Dashboard
import TerminalUI
import TerminalTestSupport
import Testing

/// On a terminal too small for every key (80x24 holds 19 of them), the help scrolls and says
/// which keys it shows; on a large one it shows them all and does not scroll.
@Suite(.utf8Locale) struct HelpScrollTests {
    private func screen(_ state: DashboardState) -> String {
        DashboardRenderer.render(state).textLines.joined(separator: "\n")
    }

    @Test func aSmallTerminalScrollsTheKeysAndTheLastOneIsReachable() {
        var state = Fixtures.demoState(width: 80, height: 24)
        Fixtures.press(&state, .character("?"))
        #expect(screen(state).contains("(1-19 of \(KeyBindings.all.count), j/k: more)"))
        #expect(!screen(state).contains("q / F10 / Ctrl-C"))
        for _ in 0..<40 { Fixtures.press(&state, .character("j")) }
        let bottom = screen(state)
        #expect(bottom.contains("q / F10 / Ctrl-C  quit"), "the quit line is reachable")
        #expect(bottom.contains("of \(KeyBindings.all.count), j/k: more)"))
        #expect(state.helpScroll == KeyBindings.all.count - 19, "scrolling stops at the last key")
        Fixtures.press(&state, .pageUp, .pageUp, .pageUp)
        #expect(state.helpScroll == 0)
        #expect(state.overlay == .help, "scrolling keys do not close the help or move the table")
        Fixtures.press(&state, .escape, .character("?"))
        #expect(state.helpScroll == 0, "the help opens at the top again")
    }

    @Test func aLargeTerminalShowsEveryKeyAndDoesNotScroll() {
        var state = Fixtures.demoState(width: 120, height: 40)
        Fixtures.press(&state, .character("?"), .character("j"), .character("j"))
        #expect(state.helpScroll == 0)
        let text = screen(state)
        #expect(text.contains("q / F10 / Ctrl-C  quit") && text.contains("?                 show or hide this help"))
        #expect(!text.contains("j/k: more"))
    }
}
