import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import Testing

/// Ticks, resizes, monitor events, demo feedback and runtime failures.
@Suite(.utf8Locale) struct ReducerEventTests {
    let t0 = Fixtures.t0

    @Test func tickAndResizeUpdateTheScreenAndClock() {
        var state = Fixtures.state()
        #expect(DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(5))).isEmpty)
        #expect(state.now == t0.addingTimeInterval(5))
        #expect(DashboardReducer.reduce(&state, .resize(width: 132, height: 50)).isEmpty)
        #expect(state.width == 132 && state.height == 50)
        _ = DashboardReducer.reduce(&state, .resize(width: -1, height: -4))
        #expect(state.width == 0 && state.height == 0)
        #expect(DashboardRenderer.render(state).cells.isEmpty)
    }

    @Test func intervalAndClockOffsetComeFromTheMonitor() {
        var state = Fixtures.state()
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(4.5)))
        _ = DashboardReducer.reduce(&state, .monitor(.clockOffsetChanged(-2)))
        #expect(state.effectiveInterval == 4.5)
        #expect(state.clockOffset == -2)
        #expect(state.agentNow == t0.addingTimeInterval(-2))
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(0)))
        #expect(state.effectiveInterval == 4.5, "a non-positive interval is ignored")
    }

    @Test func putSuccessReplacesPendingAndClearsTheProblem() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("p"))
        #expect(state.displayState(of: state.tasks[6]) == .pending)
        let answeredAt = t0.addingTimeInterval(0.3)
        Fixtures.answer(&state, 6, Fixtures.protection(6, enabled: true, minutesLeft: 120), at: answeredAt,
                        request: .put(Fixtures.defaultProtect))
        let row = state.tasks[6]
        #expect(!row.isPending)
        #expect(row.problem == nil)
        #expect(row.requestID == nil)
        #expect(state.displayState(of: row) == .protected)
        #expect(row.activity.first?.text == "PUT protect → PROTECTED until 14:00:00")
        #expect(row.lastAnswerAt == answeredAt)
    }

    @Test func putFailureKeepsTheLastGoodStateAndReportsIt() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .down, .down, .character("u"))
        Fixtures.answer(&state, 0, Fixtures.throttled, status: 400, at: t0, request: .put(.unprotect))
        let row = state.tasks[0]
        #expect(!row.isPending)
        #expect(state.displayState(of: row) == .protected, "the last good state stays")
        #expect(row.problem == nil, "a failed action is not a read problem")
        #expect(row.lastAction?.failureCode == "ThrottlingException", "the action's outcome stays on the row")
        #expect(row.requestID == "7f9c4a52-0d1e-4b8a-9c3f-2a6b1e5d8c40")
        #expect(row.httpStatus == 400)
        #expect(state.status == StatusMessage("unprotect failed on web-1: 400 ThrottlingException: Rate exceeded", isError: true))
    }

    @Test func failureIsKeptUntilASuccessReplacesIt() {
        var state = Fixtures.state()
        Fixtures.answer(&state, 0, Fixtures.taskNotValid, at: t0)
        #expect(state.tasks[0].problem == TaskProblem(kind: .failure, code: "TASK_NOT_VALID",
                                                      message: "Task is not in a valid state for protection (task is stopping)", at: t0))
        #expect(state.tasks[0].taskArn == Fixtures.arn("task5-0123456789abcdef"), "the failure's ARN is kept")
        Fixtures.answer(&state, 0, .transport(.connectionRefused), status: nil, at: t0.addingTimeInterval(2))
        // Nothing came back: the source is failing, the task's own problem is still the last one it had.
        #expect(state.tasks[0].problem?.code == "TASK_NOT_VALID")
        #expect(state.failingSource(of: state.tasks[0])?.code == "ConnectionRefused")
        #expect(state.isStale(state.tasks[0]))
        #expect(state.tasks[0].lastAnswerAt == t0, "a request without an HTTP answer is not an answer")
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: t0.addingTimeInterval(4))
        #expect(state.tasks[0].problem == nil)
        #expect(state.failingSources.isEmpty, "an answer from the source ends its outage")
    }

    @Test func pollsAreRecordedOnlyWhenSomethingChanged() {
        var state = Fixtures.state()
        for second in 0..<3 {
            Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 60), at: t0.addingTimeInterval(Double(second)))
        }
        #expect(state.tasks[0].activity.count == 1)
        Fixtures.answer(&state, 0, Fixtures.throttled, status: 400, at: t0.addingTimeInterval(4))
        Fixtures.answer(&state, 0, Fixtures.throttled, status: 400, at: t0.addingTimeInterval(6))
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 60), at: t0.addingTimeInterval(8))
        #expect(state.tasks[0].activity.map(\.text) == [
            "GET → PROTECTED until 13:00:00",
            "GET → 400 ThrottlingException: Rate exceeded",
            "GET → PROTECTED until 13:00:00",
        ])
    }

    @Test func historyIsBounded() {
        var state = Fixtures.state()
        for index in 0..<30 {
            Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: index % 2 == 0), at: t0.addingTimeInterval(Double(index)))
        }
        #expect(state.tasks[0].activity.count == TaskRow.activityLimit)
        #expect(state.tasks[0].activity.first?.at == t0.addingTimeInterval(29), "newest first")
    }

    @Test func putStartedElsewhereShowsPending() {
        var state = Fixtures.state()
        _ = DashboardReducer.reduce(&state, .monitor(.requestStarted(target: 1, request: .put(.unprotect), at: t0)))
        #expect(state.tasks[1].pendingChange == .unprotect)
        _ = DashboardReducer.reduce(&state, .monitor(.requestStarted(target: 2, request: .get, at: t0)))
        #expect(!state.tasks[2].isPending)
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 99, request: .get,
                                                                response: Fixtures.response(Fixtures.throttled))))
        #expect(state.tasks.allSatisfy { $0.problem == nil }, "an unknown target is ignored")
    }

    @Test func pendingShowsTheIntentThatWillBeSentWhileAnOlderPutIsInFlight() {
        var state = Fixtures.demoState()
        let row = state.selection ?? 0
        Fixtures.press(&state, .character("p"))
        #expect(state.tasks[row].pendingChange == Fixtures.defaultProtect)
        Fixtures.press(&state, .character("u"))
        // The monitor reports the protect PUT starting after the newer intent was reduced.
        _ = DashboardReducer.reduce(&state, .monitor(.requestStarted(target: row, request: .put(Fixtures.defaultProtect), at: t0)))
        #expect(state.tasks[row].pendingChange == .unprotect, "the queued unprotect is what will be sent")
        Fixtures.answer(&state, row, Fixtures.protection(row, enabled: true, minutesLeft: 120),
                        request: .put(Fixtures.defaultProtect))
        #expect(state.tasks[row].pendingChange == .unprotect, "still PENDING for the queued intent")
        #expect(state.displayState(of: state.tasks[row]) == .pending)
        _ = DashboardReducer.reduce(&state, .monitor(.requestStarted(target: row, request: .put(.unprotect), at: t0)))
        Fixtures.answer(&state, row, Fixtures.protection(row, enabled: false), request: .put(.unprotect))
        #expect(!state.tasks[row].isPending)
        #expect(state.displayState(of: state.tasks[row]) == .unprotected)
    }

    @Test func effectFailureClearsPendingAndSaysWhy() throws {
        var state = Fixtures.demoState()
        let effects = Fixtures.press(&state, .character("a"), .character("p"))
        #expect(state.tasks.allSatisfy { $0.isPending })
        let put = try #require(effects.first)
        _ = DashboardReducer.reduce(&state, .effectFailed(put, "monitor is not running"))
        #expect(state.tasks.allSatisfy { !$0.isPending })
        #expect(state.status == StatusMessage("monitor is not running", isError: true))
    }

    @Test func failedFaultChangeLeavesPutsInFlightPending() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("a"), .character("p"))
        _ = DashboardReducer.reduce(&state, .effectFailed(.setFault(target: 2, kind: "timeout"), "fault not changed: busy"))
        #expect(state.tasks.allSatisfy { $0.isPending }, "only the effect's own tasks are touched")
        #expect(state.status == StatusMessage("fault not changed: busy", isError: true))
    }

    @Test func getStartingChangesNothingSoNothingIsDrawn() {
        var state = Fixtures.demoState()
        let before = state
        #expect(DashboardReducer.reduce(&state, .monitor(.requestStarted(target: 2, request: .get, at: Fixtures.t0))).isEmpty)
        #expect(state == before)
    }

    @Test func demoFeedbackUpdatesFaultsAndAgentStatus() {
        var state = Fixtures.demoState()
        _ = DashboardReducer.reduce(&state, .faultChanged(target: 2, kind: "timeout"))
        #expect(state.faults[2] == "timeout")
        #expect(state.status?.text == "fault 'timeout' active on web-3")
        _ = DashboardReducer.reduce(&state, .faultChanged(target: 2, kind: nil))
        #expect(state.faults[2] == nil)
        #expect(DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true)) == [])
        #expect(state.agentDown)
        #expect(DashboardRenderer.render(state).textLines[1].contains("AGENT DOWN"))
        #expect(DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: false)) == [.refresh(nil)])
        #expect(!state.agentDown)
    }

    @Test func withTasksFromTheECSAPIDTakesThatDownAndSaysSo() {
        var state = Fixtures.demoState(width: 120, ecsCluster: "demo")
        #expect(DashboardReducer.reduce(&state, .key(.character("D"))) == [.setAgentDown(true)])
        #expect(state.status?.text == "taking the simulated ECS API down")
        _ = DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true))
        #expect(state.status?.text == "simulated ECS API is down")
        #expect(DashboardRenderer.render(state).textLines[1].contains("ECS API DOWN"))
        #expect(!DashboardRenderer.render(state).textLines[1].contains("AGENT DOWN"))
    }
}

/// Setup is given to the state's initialiser; the first theme comes out of the reducer as an effect.
@Suite struct SessionStartTests {
    @Test func startingAppliesTheFirstThemeAsAnEffect() {
        var state = Fixtures.state(themeNames: ["default", "light"], ecsCluster: "prod", alertBefore: 120)
        #expect(DashboardReducer.reduce(&state, .started) == [.applyTheme(0)])
        #expect(state.ecsCluster == "prod" && state.expiringSoonThreshold == 120)
        var plain = Fixtures.state()
        #expect(DashboardReducer.reduce(&plain, .started).isEmpty, "no theme, nothing to apply")
    }
}
