import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// What an operator sees during faults stays true: outcomes of actions stay, lapses stay, a failing
/// source is the source's and not each task's, and keep-protected does not let itself be defeated.
@Suite(.utf8Locale) struct HonestRowsTests {
    private let t0 = Fixtures.t0
    private static let blocked = ProtectionResult.failure(ProtectionFailure(
        arn: Fixtures.arn("blocked"), reason: "DEPLOYMENT_BLOCKED", detail: "The service has more protected tasks than its desired count."))

    private func putAnswer(_ state: inout DashboardState, _ target: Int, _ result: ProtectionResult,
                           change: ProtectionChange = Fixtures.defaultProtect, at: Date) -> [DashboardEffect] {
        DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: .put(change),
                                                            response: Fixtures.response(result, at: at))))
    }

    /// A row's age says how old its data is: the ECS API refusing a call (throttled) tells
    /// nothing of the task, so the age keeps counting from the last answer that did, and the next
    /// such answer starts it again.
    @Test func aSourcesRefusalDoesNotMakeARowLookFreshlyRead() throws {
        var state = DashboardState(endpoints: [], now: t0, timeZone: Fixtures.utc, width: 120, height: 30, ecsCluster: "prod")
        _ = DashboardReducer.reduce(&state, .source(.targetsAdded([
            SourceTarget(id: 0, label: "web/1", taskArn: Fixtures.arn("w1"), service: "web")])))
        func answer(_ result: ProtectionResult, status: Int, at seconds: Double) {
            _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(
                target: 0, request: .get, response: Fixtures.response(result, status: status, at: t0.addingTimeInterval(seconds))))))
        }
        func rowLine() -> String {
            DashboardRenderer.render(state).textLines.first { $0.contains("web/1") } ?? "no row"
        }
        answer(Fixtures.protection(0, enabled: true, minutesLeft: 30), status: 200, at: 0)
        let throttled = ProtectionResult.error(AgentError(code: "ThrottlingException", message: "Rate exceeded", arn: nil, requestID: "r1"))
        answer(throttled, status: 400, at: 9)
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(10)))
        #expect(state.task(0).map(state.isStale) == true)
        #expect(rowLine().contains("STALE 10s"), "\(rowLine())")
        _ = Fixtures.press(&state, .enter)
        let detail = DashboardRenderer.render(state).textLines.joined(separator: "\n")
        #expect(detail.contains("400, last usable answer 10s ago, STALE"), "\(detail)")
        answer(Fixtures.protection(0, enabled: true, minutesLeft: 30), status: 200, at: 11)
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(12)))
        #expect(state.task(0).map(state.isStale) == false)
        #expect(!rowLine().contains("STALE") && rowLine().contains(" 1s "), "\(rowLine())")
    }

    @Test func aRefusedProtectStaysOnItsRowAfterLaterReadsSucceed() {
        var state = Fixtures.state(labels: ["a", "b", "c", "d", "e"], width: 120, height: 30)
        for target in 0..<5 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
        Fixtures.press(&state, .character("a"), .character("p"))
        let at = t0.addingTimeInterval(1)
        _ = putAnswer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 120, from: at), at: at)
        _ = putAnswer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 120, from: at), at: at)
        for target in 2..<5 { _ = putAnswer(&state, target, Self.blocked, at: at) }
        // The summary names every outcome once the last task answered.
        #expect(state.status?.text.hasPrefix("protect 5: 2 protected, 3 DEPLOYMENT_BLOCKED") == true, "\(String(describing: state.status))")
        #expect(state.notices.last?.text.hasPrefix("protect 5: 2 protected, 3 DEPLOYMENT_BLOCKED") == true)
        // Later reads succeed: the refused rows still say their action failed.
        for target in 2..<5 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false), at: t0.addingTimeInterval(3)) }
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(4)))
        #expect(state.counts.failedAction == 3)
        #expect((2..<5).allSatisfy { state.task($0)?.lastAction?.failureCode == "DEPLOYMENT_BLOCKED" })
        let screen = DashboardRenderer.render(state).textLines
        #expect(screen.filter { $0.contains("protect: DEPLOYMENT_BLOCKED") }.count == 3, "\(screen.joined(separator: "\n"))")
        // F shows only them; x dismisses the selected one's outcome.
        Fixtures.press(&state, .character("A"), .character("F"))
        #expect(state.visibleIDs == [2, 3, 4])
        Fixtures.press(&state, .character("x"))
        #expect(state.counts.failedAction == 2)
        #expect(state.visibleIDs == [3, 4])
    }

    @Test func aProtectAnsweredNotProtectedIsAFailedAction() {
        var state = Fixtures.state(labels: ["a"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        Fixtures.press(&state, .character("p"))
        _ = putAnswer(&state, 0, Fixtures.protection(0, enabled: false), at: t0.addingTimeInterval(1))
        #expect(state.task(0)?.lastAction?.failureCode == "NotProtected")
        #expect(state.status?.isError == true)
    }

    @Test func aLapseStaysUntilProtectedAgainOrDismissed() {
        var state = Fixtures.state(labels: ["a", "b"], width: 120, height: 30)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 1))
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: false))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(61)))
        #expect(state.displayState(of: state.tasks[0]) == .lapsed)
        // The agent now says "not protected": the task is still shown as lapsed, not as never protected.
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: t0.addingTimeInterval(62))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(300)))
        #expect(state.displayState(of: state.tasks[0]) == .lapsed)
        #expect((state.counts.lapsed, state.counts.unprotected) == (1, 1))
        #expect(DashboardRenderer.render(state).textLines[0].contains("1 lapsed"))
        // Dismissed: an ordinary unprotected task again.
        Fixtures.press(&state, .character("x"))
        #expect(state.displayState(of: state.tasks[0]) == .unprotected)
        #expect((state.counts.lapsed, state.counts.unprotected) == (0, 2))
    }

    @Test func protectingALapsedTaskEndsTheLapse() {
        var state = Fixtures.state(labels: ["a"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 1))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(61)))
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false), at: t0.addingTimeInterval(62))
        let at = t0.addingTimeInterval(70)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 120, from: at), at: at)
        _ = DashboardReducer.reduce(&state, .tick(at))
        #expect(state.displayState(of: state.tasks[0]) == .protected)
        #expect(state.task(0)?.lapsedAt == nil)
    }

    @Test func anUnreachableAgentMakesEveryTaskItServesStaleAtOnceAndNoneFailing() {
        var state = Fixtures.state(labels: ["a", "b", "c", "d"], width: 120, height: 30)
        for target in 0..<4 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: target % 2 == 0, minutesLeft: 60)) }
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(2)))
        // One refusal: every task on that agent is stale now, not after three intervals.
        Fixtures.answer(&state, 0, .transport(.connectionRefused), status: nil, at: t0.addingTimeInterval(1))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(1.5)))
        #expect(state.tasks.allSatisfy { state.isStale($0) })
        let counts = state.counts
        #expect(counts.stale == 4)
        #expect(counts.readProblems == 0, "the source's fault is not each task's problem")
        #expect((counts.protected, counts.unprotected, counts.total) == (2, 2, 4), "stale rows keep their last answer's bucket")
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines[1].contains("agent 127.0.0.1:51679 failing for"), "\(lines[1])")
        #expect(lines.filter { $0.contains("STALE") }.count == 4)
        #expect(!lines.contains { $0.contains("ConnectionRefused (") }, "no row carries the source's error as its own")
        // The agent answers again: the outage ends for every task.
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: false), at: t0.addingTimeInterval(3))
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 60), at: t0.addingTimeInterval(3))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(3.5)))
        #expect(state.failingSources.isEmpty)
        #expect(state.counts.stale == 0)
    }

    @Test func aThrottledECSAPICallIsTheSourcesFaultOnEveryRowItCovered() {
        var state = DashboardState(endpoints: [], now: t0, timeZone: Fixtures.utc, width: 120, height: 30, ecsCluster: "prod")
        let targets = (0..<4).map { SourceTarget(id: $0, label: "web/\($0)", taskArn: Fixtures.arn("w\($0)"), service: "web") }
        _ = DashboardReducer.reduce(&state, .source(.targetsAdded(targets)))
        for target in 0..<4 { _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(target: target, request: .get, response: Fixtures.response(Fixtures.protection(target, enabled: true, minutesLeft: 60)))))) }
        let throttled = ProtectionResult.error(AgentError(code: "ThrottlingException", message: "Rate exceeded", arn: nil, requestID: nil))
        for target in 0..<4 {
            _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(target: target, request: .get, response: Fixtures.response(throttled, status: 400, at: t0.addingTimeInterval(2))))))
        }
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(3)))
        #expect(state.counts.stale == 4)
        #expect(state.counts.readProblems == 0)
        #expect(state.counts.protected == 4)
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines[1].contains("ECS API failing for 1s: ThrottlingException"), "\(lines[1])")
        #expect(!lines.dropFirst(3).contains { $0.contains("ThrottlingException") }, "rows are not painted with the call's error")
    }

    @Test func aKeptTaskUnprotectedBySomeoneElseIsProtectedAgainThenKeepPausesIfItRecurs() {
        var state = Fixtures.state(labels: ["a"])
        let change = try? ProtectionChange.protect(minutes: 120)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 100))
        #expect(DashboardReducer.reduce(&state, .key(.character("K"))).isEmpty, "100 minutes left: no renewal yet")
        #expect(state.status?.text.contains("next renewal at") == true, "K says what it did: \(String(describing: state.status))")
        // Someone unprotects it: the next read finds it.
        var at = t0.addingTimeInterval(60)
        var effects = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .get, response: Fixtures.response(Fixtures.protection(0, enabled: false), at: at))))
        #expect(effects.contains(.renew(change!, [0])), "re-protected at once: \(effects)")
        #expect(effects.contains(.alert(0, .unprotectedWhileKept)))
        #expect(state.task(0)?.activity.contains { $0.text.contains("unprotected by someone else") } == true)
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .put(change!), response: Fixtures.response(Fixtures.protection(0, enabled: true, minutesLeft: 120, from: at), at: at))))
        // Again, within the same period: keep pauses rather than fight.
        at = t0.addingTimeInterval(600)
        effects = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .get, response: Fixtures.response(Fixtures.protection(0, enabled: false), at: at))))
        #expect(!effects.contains { if case .renew = $0 { true } else { false } })
        #expect(effects.contains(.alert(0, .keepPaused)))
        #expect(state.kept[0]?.paused == true)
        #expect(state.nextRenewal(of: 0) == nil, "no renewal is promised for a paused task")
        let header = DashboardRenderer.render(state).textLines[1]
        #expect(header.contains("1 keep paused") && !header.contains("next renewal"), "\(header)")
        // K resumes it and protects at once.
        #expect(DashboardReducer.reduce(&state, .key(.character("K"))).contains(.renew(change!, [0])))
    }
}

/// The clock rule on the rows: a skewed agent clock neither lapses nor stretches what we set.
@Suite(.utf8Locale) struct SkewedAgentClockRowTests {
    @Test func anAgentDate23HoursAheadShowsTheProtectionWeSetAndSaysTheClocksDiffer() throws {
        var state = Fixtures.state(labels: ["a"], width: 120, height: 30)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        let change = try ProtectionChange.protect(minutes: 60)
        Fixtures.type(&state, "m60")
        Fixtures.press(&state, .enter)
        #expect(state.task(0)?.pendingChange == change)
        let t = Fixtures.t0
        let answer = ProtectionResponse(result: Fixtures.protection(0, enabled: true, minutesLeft: 60, from: t), httpStatus: 200,
                                        serverDate: t.addingTimeInterval(23 * 3600), sentAt: t.addingTimeInterval(-0.1), receivedAt: t)
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .put(change), response: answer)))
        _ = DashboardReducer.reduce(&state, .tick(t.addingTimeInterval(1)))
        #expect(state.displayState(of: state.tasks[0]) == .protected)
        let row = try #require(DashboardRenderer.render(state).textLines.first { $0.contains(" a ") })
        #expect(row.contains("59m58s"), "\(row)")
        #expect(row.contains("agent clock 23h00m00s ahead of ECS's"), "\(row)")
        // A later read with the same expiry keeps the request's bound.
        let read = ProtectionResponse(result: Fixtures.protection(0, enabled: true, minutesLeft: 60, from: t), httpStatus: 200,
                                      serverDate: t.addingTimeInterval(23 * 3600 + 30), sentAt: t.addingTimeInterval(29.9), receivedAt: t.addingTimeInterval(30))
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .get, response: read)))
        _ = DashboardReducer.reduce(&state, .tick(t.addingTimeInterval(31)))
        #expect(state.displayState(of: state.tasks[0]) == .protected)
        #expect(abs((state.remaining(of: state.tasks[0]) ?? 0) - (3600 - 31.1)) < 0.01)
    }
}

/// A `Date` header is whole seconds; the agent clock measured over many answers is finer.
@Suite(.utf8Locale) struct FineAgentClockRowTests {
    @Test func aTruncatedDateDoesNotMakeTheCountdownRunLate() {
        var state = Fixtures.state(labels: ["a"])
        let expiry = Fixtures.t0.addingTimeInterval(600.25)
        // Arrived 0.7 s into the second its Date names; the measured agent clock agrees with the local one.
        let answer = ProtectionResponse(
            result: .protection(TaskProtection(enabled: true, expirationDate: expiry, taskArn: Fixtures.arn("a"))),
            httpStatus: 200, serverDate: Fixtures.t0, sentAt: Fixtures.t0.addingTimeInterval(0.65), receivedAt: Fixtures.t0.addingTimeInterval(0.7))
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 0, request: .get, response: answer)))
        #expect(state.task(0)?.expiresAt == expiry, "not 0.7 s late")
        // A measured clock that disagrees with the Date by more than its second is not used.
        var skewed = Fixtures.state(labels: ["a"])
        _ = DashboardReducer.reduce(&skewed, .monitor(.clockOffsetChanged(30)))
        _ = DashboardReducer.reduce(&skewed, .monitor(.responded(target: 0, request: .get, response: answer)))
        #expect(skewed.task(0)?.expiresAt == expiry.addingTimeInterval(0.7))
    }
}
