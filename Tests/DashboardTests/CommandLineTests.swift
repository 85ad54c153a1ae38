@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The `:` command line's completion (Tab) and history (Up/Down), and F10 quitting from every view.
@Suite(.utf8Locale) struct CommandLineTests {
    @Test func tabCompletesAUniquePrefixAndListsSeveral() {
        var state = ServiceFixtures.cluster()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "sv")
        Fixtures.press(&state, .tab)
        #expect(state.commandText == "svc")
        Fixtures.press(&state, .enter)
        #expect(state.view == .services)
        Fixtures.press(&state, .character(":"), .tab)
        #expect(state.commandText.isEmpty && state.status?.text == "commands: :svc :task :events :ctx :q")
        Fixtures.type(&state, "x")
        Fixtures.press(&state, .tab)
        #expect(state.status?.isError == true && state.commandText == "x")
    }

    @Test func upAndDownStepThroughTheCommandsRunBefore() {
        var state = ServiceFixtures.cluster()
        for command in ["svc", "events", "task"] {
            Fixtures.press(&state, .character(":"))
            Fixtures.type(&state, command)
            Fixtures.press(&state, .enter)
        }
        #expect(state.commandHistory == ["svc", "events", "task"])
        Fixtures.press(&state, .character(":"), .up)
        #expect(state.commandText == "task")
        Fixtures.press(&state, .up, .up, .up)
        #expect(state.commandText == "svc", "the oldest stays")
        Fixtures.press(&state, .down)
        #expect(state.commandText == "events")
        Fixtures.press(&state, .down, .down)
        #expect(state.commandText.isEmpty, "past the newest: an empty line")
        Fixtures.press(&state, .up, .enter)
        #expect(state.view == .tasks && state.commandHistory == ["svc", "events", "task"], "the same command twice is kept once")
    }

    @Test func f10QuitsFromTheServicesAndEventsViews() {
        var state = ServiceFixtures.cluster()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        #expect(Fixtures.press(&state, .function(10)) == [.quit])
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "events")
        Fixtures.press(&state, .enter)
        #expect(Fixtures.press(&state, .function(10)) == [.quit])
    }
}
