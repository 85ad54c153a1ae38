import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Every mode's keys come from its table: each binding's keys reach its action in that mode,
/// Ctrl-C quits from every mode, and the dashboard guide's key section is the generated reference.
@Suite(.utf8Locale) struct KeyModeTableTests {
    /// A demo state showing `mode`.
    private func state(in mode: KeyMode) -> DashboardState {
        var state = mode == .replayTime ? Fixtures.replayState(width: 120, height: 40) : Fixtures.demoState(width: 120, height: 40)
        switch mode {
        case .main: break
        case .help: Fixtures.press(&state, .character("?"))
        case .minutesPrompt: Fixtures.press(&state, .character("m"))
        case .unprotectConfirmation: Fixtures.press(&state, .character("a"), .character("u"))
        case .filter: Fixtures.press(&state, .character("/"))
        case .faultMenu: Fixtures.press(&state, .character("f"))
        case .columnMenu: Fixtures.press(&state, .character("c"))
        case .replayTime: Fixtures.press(&state, .character("@"))
        case .command: Fixtures.press(&state, .character(":"))
        case .services:
            Fixtures.type(&state, ":svc")
            Fixtures.press(&state, .enter)
        case .serviceEvents:
            Fixtures.type(&state, ":events")
            Fixtures.press(&state, .enter)
        }
        return state
    }

    @Test(arguments: KeyMode.allCases)
    func eachModeIsReachedAndItsKeysAreItsTable(mode: KeyMode) {
        let shown = state(in: mode)
        #expect(shown.keyMode == mode)
        for binding in KeyBindings.table(for: mode) {
            // The replay's own keys run in a replay (live, they say so instead).
            let probe = binding.replayOnly ? Fixtures.replayState(width: 120, height: 40) : shown
            for (key, action) in binding.keys {
                #expect(KeyBindings.action(for: key, in: probe) == action, "\(mode) \(binding.label)")
            }
        }
    }

    @Test(arguments: KeyMode.allCases)
    func ctrlCQuitsFromEveryMode(mode: KeyMode) {
        var shown = state(in: mode)
        #expect(DashboardReducer.reduce(&shown, .key(.interrupt)) == [.quit])
    }

    @Test func typedTextGoesToTheModesTextAndBoundKeysDoNot() {
        var filtering = state(in: .filter)
        Fixtures.type(&filtering, "web")
        #expect(filtering.filterText == "web")
        Fixtures.press(&filtering, .backspace)
        #expect(filtering.filterText == "we")
        Fixtures.press(&filtering, .escape)
        #expect(filtering.filterText.isEmpty && filtering.overlay == .none)
        var help = state(in: .help)
        #expect(Fixtures.type(&help, "q") == [.quit], "q quits from help through the help table")
    }

    @Test func theDashboardGuidesKeySectionIsTheGeneratedReference() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: root.appendingPathComponent("docs/DASHBOARD.md"), encoding: .utf8)
        let begin = "<!-- keys: generated from KeyBindings by KeyReference.markdown(); do not edit by hand -->\n"
        let end = "<!-- end of keys -->"
        let start = try #require(guide.range(of: begin), "docs/DASHBOARD.md has no generated key section")
        let stop = try #require(guide.range(of: end, range: start.upperBound..<guide.endIndex))
        #expect(String(guide[start.upperBound..<stop.lowerBound]) == KeyReference.markdown(),
                "docs/DASHBOARD.md's key section is out of date; paste `ecs-protect keys` (KeyReference.markdown()) between the markers")
    }
}
