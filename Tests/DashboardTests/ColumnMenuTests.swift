@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The column menu (`c`): columns hidden and shown again, the room going to the others, and the
/// golden frames of a table without its EXPIRES and ANSWERED columns.
@Suite(.utf8Locale) struct ColumnMenuTests {
    @Test func hiddenColumnsLeaveTheTableAndTheirRoomGoesToTheRest() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("c"))
        #expect(state.overlay == .columnMenu(highlighted: 0))
        #expect(Fixtures.press(&state, .character("3")) == [.saveHiddenColumns(["expires"])])
        #expect(Fixtures.press(&state, .down, .down, .down, .character(" ")) == [.saveHiddenColumns(["expires", "answered"])])
        #expect(state.hiddenColumns == [.expires, .answered])
        #expect(state.status?.text == "hidden: expires, answered", "not yet said to be kept")
        _ = DashboardReducer.reduce(&state, .settingKept("columns kept in /home/me/.config/ecs-protect/config.toml"))
        #expect(state.status?.text == "columns kept in /home/me/.config/ecs-protect/config.toml")
        Fixtures.press(&state, .escape)
        let text = DashboardRenderer.render(state).textLines
        let heading = text[2]
        #expect(heading.contains("STATE") && heading.contains("REMAINING") && heading.contains("PROBLEM"))
        #expect(!heading.contains("EXPIRES") && !heading.contains("ANSWERED"))
        #expect(text.contains { $0.contains("ThrottlingException (1s): Rate exceeded") }, "the problem column has the room now")
        for (width, height) in [(80, 24), (120, 40)] {
            var sized = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&sized, .character("c"), .character("3"), .character("4"), .escape)
            GoldenFrame.check(DashboardRenderer.render(sized), "columns-hidden-\(width)x\(height)")
        }
        Fixtures.press(&state, .character("c"), .character("3"), .character("4"))
        #expect(state.hiddenColumns.isEmpty && state.status?.text == "every column shown")
    }

    @Test func everyColumnCanGoButTheLabelStays() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("c"), .character("1"), .character("2"), .character("3"), .character("4"), .character("5"), .escape)
        let text = DashboardRenderer.render(state).textLines
        #expect(text[2].trimmingCharacters(in: .whitespaces) == "TASK")
        #expect(text.contains { $0.contains("web-1") })
    }
}
