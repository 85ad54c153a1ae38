@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Marks say what they act on before a key is pressed, and are spent by the action.
@Suite(.utf8Locale) struct MarkTargetTests {
    /// 60 unprotected tasks at 80x24; the first two marked, the cursor scrolled so that only the
    /// second is on screen.
    private func scrolledWithMarks() -> DashboardState {
        var state = Fixtures.state(labels: (1...60).map { String(format: "svc-%02d", $0) })
        for target in 0..<60 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
        Fixtures.press(&state, .character(" "), .character(" "))
        for _ in 0..<(state.pageSize - 2) { Fixtures.press(&state, .down) }
        return state
    }

    @Test func theFooterSaysWhichMarkedTasksAreOffScreen() {
        let state = scrolledWithMarks()
        #expect(state.actionTargets == [0, 1])
        #expect(state.offScreenCount([0, 1]) == 1)
        let footer = DashboardRenderer.render(state).textLines[23]
        #expect(footer.contains("keys act on 2 marked (1 off screen):"), "\(footer)")
        // Without marks the footer names no targets: the cursor's row is plain to see.
        let plain = DashboardRenderer.render(Fixtures.state(labels: ["a", "b"])).textLines[23]
        #expect(!plain.contains("keys act on"), "\(plain)")
    }

    @Test func protectSaysItsTargetsAndSpendsTheMarks() {
        var state = scrolledWithMarks()
        let selected = state.selection
        let effects = Fixtures.press(&state, .character("p"))
        #expect(effects == [.put(Fixtures.defaultProtect, [0, 1])])
        #expect(state.status?.text == "protect sent to 2 marked (1 off screen); marks cleared")
        #expect(state.marks.isEmpty)
        // The next p acts on the cursor's row again.
        let next = Fixtures.press(&state, .character("p"))
        #expect(next == [.put(Fixtures.defaultProtect, [selected ?? -1])])
    }

    @Test func thePromptsCountTheMarkedTasksOffScreen() {
        var state = scrolledWithMarks()
        Fixtures.press(&state, .character("m"))
        #expect(DashboardRenderer.render(state).textLines.contains { $0.contains("Protect 2 marked (1 off screen)") })
        Fixtures.press(&state, .escape, .character("u"))
        let screen = DashboardRenderer.render(state).textLines
        #expect(screen.contains { $0.contains("Unprotect 2 marked (1 off screen)?") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("svc-01, svc-02") })
        Fixtures.press(&state, .character("y"))
        #expect(state.marks.isEmpty)
    }

    @Test func keepSpendsTheMarksToo() {
        var state = scrolledWithMarks()
        Fixtures.press(&state, .character("K"))
        #expect(state.kept.keys.sorted() == [0, 1])
        #expect(state.marks.isEmpty)
        #expect(state.status?.text.hasSuffix("; marks cleared") == true, "\(String(describing: state.status))")
    }

    @Test func mKeepsTheMarksAfterAnAction() {
        var state = scrolledWithMarks()
        Fixtures.press(&state, .character("M"))
        #expect(state.keepMarks)
        #expect(DashboardRenderer.render(state).textLines[1].contains("marks kept (M)"))
        Fixtures.press(&state, .character("p"))
        #expect(state.marks == [0, 1])
        #expect(state.status?.text == "protect sent to 2 marked (1 off screen)")
        Fixtures.press(&state, .character("M"), .character("u"), .character("y"))
        #expect(state.marks.isEmpty)
    }
}

/// A long filter being typed shows its end, where the next character goes, and leaves the hint whole.
@Suite(.utf8Locale) struct FilterInputLineTests {
    @Test func aLongFilterShowsItsEndAndTheHintStays() {
        var state = Fixtures.demoState(width: 80, height: 24)
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, String(repeating: "abcdefghij", count: 8) + "END")
        let line = DashboardRenderer.render(state).textLines[22]
        #expect(line.hasPrefix(" filter: …"), "\(line)")
        #expect(line.contains("END_"), "\(line)")
        #expect(line.hasSuffix(KeyBindings.hint(for: .filter, separator: "  ") + " "), "\(line)")
    }

    @Test func aShortFilterIsShownWhole() {
        #expect(FooterView.typedTail("web", width: 20) == "web")
        #expect(FooterView.typedTail("abcdefghij", width: 5) == "…ghij")
        #expect(FooterView.typedTail("批处理批处理", width: 6) == "…处理", "wide characters are never split")
    }
}
