import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Every table key, and the prompts and dialogs they open.
@Suite(.utf8Locale) struct ReducerKeyTests {
    /// Label order of the demo state: ingest, reports, web-1, web-2, web-3, worker-a, worker-b, 批处理-1.
    static let labelOrder = [6, 7, 0, 1, 2, 3, 4, 5]
    let defaultProtect = Fixtures.defaultProtect

    @Test func movementKeysFollowTheVisibleOrder() {
        var state = Fixtures.demoState()
        #expect(state.selection == 6)
        Fixtures.press(&state, .down)
        #expect(state.selection == 7)
        Fixtures.press(&state, .character("j"), .character("j"))
        #expect(state.selection == 1)
        Fixtures.press(&state, .up, .character("k"))
        #expect(state.selection == 7)
        Fixtures.press(&state, .end)
        #expect(state.selection == 5)
        Fixtures.press(&state, .down)
        #expect(state.selection == 5, "moving past the end stays on the last row")
        Fixtures.press(&state, .home)
        #expect(state.selection == 6)
        Fixtures.press(&state, .character("G"))
        #expect(state.selection == 5)
        Fixtures.press(&state, .character("g"), .up)
        #expect(state.selection == 6)
    }

    @Test func pageKeysMoveByTheTableHeight() {
        var state = Fixtures.state(labels: (0..<40).map { "task-\($0 < 10 ? "0" : "")\($0)" }, width: 80, height: 24)
        // 24 rows minus 3 above and 2 below leaves 19 table rows.
        Fixtures.press(&state, .pageDown)
        #expect(state.selection == 19)
        Fixtures.press(&state, .pageDown, .pageDown)
        #expect(state.selection == 39)
        Fixtures.press(&state, .pageUp)
        #expect(state.selection == 20)
    }

    @Test func spaceMarksAndMovesOnAndMarkKeysWorkOnVisibleRows() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character(" "))
        #expect(state.marks == [6])
        #expect(state.selection == 7)
        Fixtures.press(&state, .up, .character(" "))
        #expect(state.marks.isEmpty)
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "web")
        Fixtures.press(&state, .enter, .character("a"))
        #expect(state.marks == [0, 1, 2])
        #expect(state.status?.text == "marked 3 tasks")
        Fixtures.press(&state, .character("A"))
        #expect(state.marks.isEmpty)
    }

    @Test func protectSendsOnePutForTheSelectedTaskAndShowsPendingAtOnce() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .down, .down)
        let effects = Fixtures.press(&state, .character("p"))
        #expect(effects == [.put(defaultProtect, [0])])
        #expect(defaultProtect.expiresInMinutes == nil)
        #expect(state.displayState(of: state.tasks[0]) == .pending)
        #expect(state.tasks[0].activity.first?.text == "PUT protect sent")
        #expect(state.status?.text == "protect sent to web-1")
    }

    @Test func protectAppliesToVisibleMarkedTasksOnlyOncePerTask() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .down, .down, .character(" "), .character(" "), .character(" "))
        let effects = Fixtures.press(&state, .character("p"))
        #expect(effects == [.put(defaultProtect, [0, 1, 2])])
        #expect(state.status?.text == "protect sent to 3 marked; marks cleared")
        #expect(state.marks.isEmpty, "the action spends its marks")
        // Hidden marked tasks are left alone.
        Fixtures.press(&state, .character("a"))
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "web-2")
        Fixtures.press(&state, .enter)
        #expect(Fixtures.press(&state, .character("p")) == [.put(defaultProtect, [1])])
    }

    @Test func minutesPromptValidatesAsYouType() throws {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("m"))
        guard case .minutesPrompt(let empty) = state.overlay else { Issue.record("prompt did not open"); return }
        #expect(empty.targets == [6])
        #expect(empty.validationMessage == "type minutes (1-2880)")

        Fixtures.type(&state, "x")
        #expect(prompt(state)?.validationMessage == "digits only")
        #expect(prompt(state)?.text == "")
        Fixtures.type(&state, "0")
        #expect(prompt(state)?.validationMessage == "must be between 1 and 2880 minutes")
        Fixtures.press(&state, .backspace)
        Fixtures.type(&state, "2881")
        #expect(prompt(state)?.validationMessage == "must be between 1 and 2880 minutes")
        #expect(Fixtures.press(&state, .enter).isEmpty, "an invalid value is not sent")
        #expect(prompt(state) != nil, "the prompt stays open")
        Fixtures.type(&state, "99")
        #expect(prompt(state)?.text == "28819", "at most five digits")
        #expect(prompt(state)?.validationMessage == "at most 5 digits")

        for _ in 0..<5 { Fixtures.press(&state, .backspace) }
        Fixtures.type(&state, "2880")
        #expect(prompt(state)?.validationMessage == nil)
        let effects = Fixtures.press(&state, .enter)
        #expect(effects == [.put(try ProtectionChange.protect(minutes: 2880), [6])])
        #expect(state.overlay == .none)
        #expect(state.tasks[6].isPending)
        #expect(state.status?.text == "protect 2880m sent to ingest")
    }

    @Test func minutesPromptEscapeCancels() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("m"))
        Fixtures.type(&state, "15")
        #expect(Fixtures.press(&state, .escape).isEmpty)
        #expect(state.overlay == .none)
        #expect(!state.tasks[6].isPending)
        #expect(state.status?.text == "protect cancelled")
    }

    @Test func unprotectOneTaskSendsAtOnce() {
        var state = Fixtures.demoState()
        let effects = Fixtures.press(&state, .character("u"))
        #expect(effects == [.put(.unprotect, [6])])
        #expect(state.tasks[6].pendingChange == .unprotect)
    }

    @Test func unprotectSeveralTasksAsksFirst() {
        for confirm in [KeyInput.character("y"), .enter] {
            var state = Fixtures.demoState()
            Fixtures.press(&state, .character(" "), .character(" "))
            #expect(Fixtures.press(&state, .character("u")).isEmpty)
            #expect(state.overlay == .unprotectConfirmation(targets: [6, 7]))
            Fixtures.press(&state, .character("x"))
            #expect(state.overlay == .unprotectConfirmation(targets: [6, 7]), "other keys leave the dialog open")
            #expect(Fixtures.press(&state, confirm) == [.put(.unprotect, [6, 7])])
            #expect(state.overlay == .none)
            #expect(state.tasks[6].isPending && state.tasks[7].isPending)
        }
        for cancel in [KeyInput.character("n"), .escape] {
            var state = Fixtures.demoState()
            Fixtures.press(&state, .character(" "), .character(" "), .character("u"))
            #expect(Fixtures.press(&state, cancel).isEmpty)
            #expect(state.overlay == .none)
            #expect(!state.tasks[6].isPending)
            #expect(state.status?.text == "unprotect cancelled")
        }
    }

    @Test(arguments: ["p", "m", "u"] as [Character])
    func readOnlyRefusesEveryPutKey(_ key: Character) {
        var state = Fixtures.demoState(readOnly: true)
        Fixtures.press(&state, .character(" "), .character(" "))
        let before = state.tasks
        let effects = Fixtures.press(&state, .character(key))
        #expect(effects.isEmpty)
        #expect(state.overlay == .none)
        #expect(state.tasks == before, "nothing turns PENDING")
        #expect(state.status == StatusMessage("read-only: \(key == "u" ? "unprotect" : "protect") is disabled", isError: true))
    }

    @Test func readOnlyStillAllowsReadingKeys() {
        var state = Fixtures.demoState(readOnly: true)
        #expect(Fixtures.press(&state, .character("r")) == [.refresh(nil)])
        Fixtures.press(&state, .enter)
        #expect(state.detailOpen)
    }

    @Test func refreshPollsMarkedTasksElseAll() {
        var state = Fixtures.demoState()
        #expect(Fixtures.press(&state, .character("r")) == [.refresh(nil)])
        #expect(state.status?.text == "refreshing all 8 tasks")
        Fixtures.press(&state, .character(" "), .character(" "))
        #expect(Fixtures.press(&state, .character("r")) == [.refresh([6, 7])])
    }

    @Test func filterMatchesLabelArnAndStateCaseInsensitively() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("/"))
        #expect(state.overlay == .filterInput)
        Fixtures.type(&state, "UNPROT")
        #expect(state.visibleTasks.map(\.id) == [3, 4])
        #expect(state.selection == 3, "the selection moves onto a visible row")
        Fixtures.press(&state, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace)
        Fixtures.type(&state, "task5-0123")
        #expect(state.visibleTasks.map(\.id) == [5], "ARN match")
        Fixtures.press(&state, .enter)
        #expect(state.overlay == .none)
        #expect(state.filterText == "task5-0123")
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "expiring")
        Fixtures.press(&state, .escape)
        #expect(state.filterText.isEmpty)
        #expect(state.visibleTasks.count == 8)
        #expect(state.overlay == .none)
    }

    @Test func sortCyclesThroughEveryColumnInTableOrder() {
        var state = Fixtures.demoState()
        #expect(state.visibleTasks.map(\.id) == Self.labelOrder)
        Fixtures.press(&state, .character("s"))
        #expect(state.sortMode == .service)
        #expect(state.visibleTasks.map(\.id) == Self.labelOrder, "no row has a service: label order")
        Fixtures.press(&state, .character("s"))
        #expect(state.sortMode == .state)
        #expect(state.visibleTasks.map(\.id) == [2, 6, 0, 1, 3, 4, 7, 5])
        Fixtures.press(&state, .character("s"))
        #expect(state.sortMode == .remaining)
        #expect(state.visibleTasks.map(\.id) == [2, 6, 1, 0, 7, 3, 4, 5])
        Fixtures.press(&state, .character("s"), .character("s"), .character("s"))
        #expect(state.sortMode == .label)
    }

    @Test func enterTogglesDetailThemeHelpAndQuit() {
        var state = Fixtures.demoState(themeNames: ["default", "light"])
        Fixtures.press(&state, .enter)
        #expect(state.detailOpen)
        Fixtures.press(&state, .enter)
        #expect(!state.detailOpen)
        #expect(Fixtures.press(&state, .character("t")) == [.applyTheme(1)])
        #expect(state.themeIndex == 1 && state.status?.text == "theme: light")
        #expect(Fixtures.press(&state, .character("t")) == [.applyTheme(0)], "cycling wraps to the first theme")
        Fixtures.press(&state, .character("?"))
        #expect(state.overlay == .help)
        #expect(Fixtures.press(&state, .character("p")).isEmpty, "keys do not reach the table under help")
        Fixtures.press(&state, .character("?"))
        #expect(state.overlay == .none)
        #expect(Fixtures.press(&state, .character("q")) == [.quit])
        #expect(Fixtures.press(&state, .interrupt) == [.quit])
        Fixtures.press(&state, .character("/"))
        #expect(Fixtures.press(&state, .interrupt) == [.quit], "Ctrl-C quits from any overlay")
    }

    @Test func faultMenuInDemoMode() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("f"))
        #expect(state.overlay == .faultMenu(FaultMenu(target: 6)))
        Fixtures.press(&state, .down, .down, .up)
        #expect(state.overlay == .faultMenu(FaultMenu(target: 6, highlighted: 1)))
        #expect(Fixtures.press(&state, .enter) == [.setFault(target: 6, kind: "server-error")])
        #expect(state.overlay == .none)

        Fixtures.press(&state, .character("f"))
        #expect(Fixtures.press(&state, .character("5")) == [.setFault(target: 6, kind: nil)], "the last line clears")
        Fixtures.press(&state, .character("f"))
        #expect(Fixtures.press(&state, .character("9")).isEmpty, "a number without a line does nothing")
        #expect(Fixtures.press(&state, .escape).isEmpty)
        #expect(state.overlay == .none)
    }

    @Test func theTenthLineOfAFullFaultMenuHasTheKeyZero() throws {
        let kinds = ["throttled", "ecs-timeout", "no-credentials", "access-denied", "task-not-valid",
                     "server-error", "rate-limited", "slow", "malformed"]
        let endpoints = ["a", "b"].enumerated().map { Fixtures.endpoint($0.element, id: "task\($0.offset)-0123456789abcdef") }
        var state = DashboardState(endpoints: endpoints, now: Fixtures.t0, timeZone: Fixtures.utc, width: 80, height: 24,
                                   readOnly: false, demo: true, faultKinds: kinds, themeNames: [])
        Fixtures.press(&state, .character("f"))
        #expect(DashboardRenderer.render(state).textLines.contains { $0.contains("0 clear fault") })
        let target = try #require(state.selection)
        #expect(Fixtures.press(&state, .character("0")) == [.setFault(target: target, kind: nil)])
        Fixtures.press(&state, .character("f"))
        #expect(Fixtures.press(&state, .character("9")) == [.setFault(target: target, kind: "malformed")])
    }

    /// A demo on several regions offers no faults: the fault menu does not open with only "clear".
    @Test func aDemoWithoutFaultKindsSaysSoInsteadOfAnEmptyMenu() {
        let endpoints = ["a", "b"].enumerated().map { Fixtures.endpoint($0.element, id: "task\($0.offset)-0123456789abcdef") }
        var state = DashboardState(endpoints: endpoints, now: Fixtures.t0, timeZone: Fixtures.utc, demo: true, faultKinds: [])
        #expect(Fixtures.press(&state, .character("f")).isEmpty)
        #expect(state.overlay == .none && state.status?.text == "fault injection is not offered for these tasks")
    }

    /// In a demo on several regions, D takes one region down, and the header and status name it.
    @Test func theRegionTakenDownIsNamedNotTheWholeECSAPI() {
        var state = DashboardState(endpoints: [], now: Fixtures.t0, timeZone: Fixtures.utc, width: 120, height: 24, demo: true,
                                   ecsCluster: "us-west-2/demo, us-east-1/demo", simulatedRegion: "us-east-1")
        #expect(Fixtures.press(&state, .character("D")) == [.setAgentDown(true)])
        #expect(state.status?.text == "taking the simulated us-east-1 ECS API down")
        _ = DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true))
        #expect(DashboardRenderer.render(state).textLines[1].contains("US-EAST-1 ECS API DOWN"))
    }

    @Test func demoKeysAreRefusedOutsideDemoMode() {
        var state = Fixtures.demoState(demo: false)
        #expect(Fixtures.press(&state, .character("f")).isEmpty)
        #expect(state.overlay == .none)
        #expect(Fixtures.press(&state, .character("D")).isEmpty)
        #expect(state.status?.isError == true)
    }

    @Test func agentDownKeyFollowsTheConfirmedState() {
        var state = Fixtures.demoState()
        #expect(Fixtures.press(&state, .character("D")) == [.setAgentDown(true)])
        #expect(!state.agentDown, "only the feedback event changes the state")
        _ = DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true))
        #expect(state.agentDown)
        #expect(Fixtures.press(&state, .character("D")) == [.setAgentDown(false)])
    }

    private func prompt(_ state: DashboardState) -> MinutesPrompt? {
        if case .minutesPrompt(let prompt) = state.overlay { return prompt }
        return nil
    }
}
