import Foundation
import Testing
@testable import ProtectionCore

@Suite("Clock offset and stale results")
struct MonitorClockOffsetTests {
    /// A response whose `Date` header reads the agent clock (local + `offset`) at the midpoint,
    /// truncated to the second as the header is.
    private func response(local: Date, offset: TimeInterval, roundTrip: TimeInterval = 0.02) -> ProtectionResponse {
        let agentTime = local.timeIntervalSince1970 + roundTrip / 2 + offset
        return ProtectionResponse(result: .protection(MonitorFixtures.protection), httpStatus: 200,
                                  serverDate: Date(timeIntervalSince1970: agentTime.rounded(.down)),
                                  sentAt: local, receivedAt: local.addingTimeInterval(roundTrip))
    }

    @Test func agentThirtySecondsAheadIsEstimatedAtAboutThirty() throws {
        var estimator = ClockOffsetEstimator()
        var reports: [TimeInterval] = []
        for step in 0..<15 {
            // Polls every 2.07 s fall at different sub-second phases of the agent's clock.
            let local = MonitorFixtures.start.addingTimeInterval(Double(step) * 2.07)
            if let report = estimator.add(response(local: local, offset: 30), now: local) { reports.append(report.target) }
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate - 30) < 0.2)
        #expect(abs((reports.first ?? 0) - 30) <= 0.5)
        // Later reports only refine the first (each is applied as a slew, not a step).
        #expect(reports.count < 15, "moves under the threshold are not reported")
        #expect(zip(reports.dropFirst(), reports).allSatisfy { abs($0 - $1) <= 0.5 }, "\(reports)")
    }

    @Test func synchronisedClocksKeepAZeroOffset() {
        // Whole-second headers at every sub-second phase, jittered round trips: each sample alone
        // allows offsets a second apart, but all of them allow zero, so zero stays in use exactly.
        var estimator = ClockOffsetEstimator()
        var random = SeededRandomNumberGenerator(seed: 7)
        var local = MonitorFixtures.start
        var targets: [TimeInterval] = []
        for _ in 0..<200 {
            local = local.addingTimeInterval(Double.random(in: 0.05...0.45, using: &random))
            let roundTrip = Double.random(in: 0.001...0.08, using: &random)
            _ = estimator.add(response(local: local, offset: 0, roundTrip: roundTrip), now: local)
            targets.append(estimator.offset.target)
        }
        #expect(targets.allSatisfy { $0 == 0 }, "targets moved: \(Set(targets).sorted())")
    }

    @Test func aSmallRealOffsetIsFoundOnceSamplesRuleOutZero() throws {
        // The agent 300 ms ahead: zero stays in use until samples at enough phases exclude it,
        // then the offset moves into what they agree on.
        var estimator = ClockOffsetEstimator()
        var random = SeededRandomNumberGenerator(seed: 11)
        var local = MonitorFixtures.start
        for _ in 0..<60 {
            local = local.addingTimeInterval(Double.random(in: 0.05...0.45, using: &random))
            _ = estimator.add(response(local: local, offset: 0.3, roundTrip: 0.01), now: local)
        }
        #expect(abs(estimator.offset.target - 0.3) < 0.1, "target \(estimator.offset.target)")
    }

    @Test func noisySamplesAreOutvoted() throws {
        var estimator = ClockOffsetEstimator(windowSize: 9)
        for step in 0..<9 {
            let local = MonitorFixtures.start.addingTimeInterval(Double(step) * 1.13)
            // Two wild outliers: a slow response and an agent far off.
            let offset = step == 2 ? 400.0 : (step == 5 ? -90 : -12)
            let roundTrip = step == 7 ? 3.0 : 0.02
            _ = estimator.add(response(local: local, offset: offset, roundTrip: roundTrip), now: local)
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate - -12) < 0.6)
    }

    @Test func reportsWhenTheEstimateMovesByMoreThanAQuarterSecond() {
        var estimator = ClockOffsetEstimator(windowSize: 1, reportThreshold: 0.25)
        let local = MonitorFixtures.start
        let firstReport = estimator.add(response(local: local, offset: 0), now: local)
        #expect(firstReport != nil)
        let smallMove = estimator.add(response(local: local.addingTimeInterval(0.1), offset: 0), now: local)
        #expect(smallMove == nil)
        let largeMove = estimator.add(response(local: local.addingTimeInterval(0.2), offset: 5), now: local)
        #expect(largeMove != nil)
        let withoutDate = ProtectionResponse(result: .transport(.timeout), httpStatus: nil, serverDate: nil,
                                             sentAt: local, receivedAt: local)
        let noDateReport = estimator.add(withoutDate, now: local)
        #expect(noDateReport == nil)
    }

    @Test func aSlowAnswerDoesNotBiasTheEstimate() throws {
        var estimator = ClockOffsetEstimator()
        let local = MonitorFixtures.start
        // A 504 after 5 s whose header was written at the end, when the agent gave up.
        let slow = ProtectionResponse(result: .error(AgentError(code: "RequestCanceled", message: "timeout")), httpStatus: 504,
                                      serverDate: local.addingTimeInterval(5), sentAt: local,
                                      receivedAt: local.addingTimeInterval(5))
        #expect(estimator.add(slow, now: slow.receivedAt) == nil)
        #expect(estimator.estimate == nil)
        var now = slow.receivedAt
        for _ in 0..<6 {
            now = now.addingTimeInterval(2.13)
            _ = estimator.add(response(local: now, offset: 0), now: now)
            _ = estimator.add(slow, now: now)
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate) < 0.3, "estimate \(estimate)")
    }

    @Test func aHostileDateHeaderIsReportedButNotApplied() throws {
        var estimator = ClockOffsetEstimator()
        let local = MonitorFixtures.start
        let decades = 40 * 365 * 86_400.0
        let hostile = response(local: local, offset: decades)
        let added = estimator.add(hostile, now: local)
        let report = try #require(added)
        #expect(report.value(at: local) == 0, "not applied")
        #expect(abs((report.rejectedMeasurement ?? 0) - decades) < 1, "but reported")
        // A one-shot answer with the same header keeps its countdown by the local clock.
        let expiry = local.addingTimeInterval(3_600)
        let protected = ProtectionResponse(result: .protection(TaskProtection(enabled: true, expirationDate: expiry, taskArn: "a")),
                                           httpStatus: 200, serverDate: hostile.serverDate, sentAt: hostile.sentAt,
                                           receivedAt: hostile.receivedAt)
        let remaining = try #require(protected.secondsRemainingAtReceipt)
        #expect(abs(remaining - 3_600) < 1)
        // Once agreeing, believable samples outnumber it, they are applied.
        var now = local
        for _ in 0..<3 {
            now = now.addingTimeInterval(2.07)
            _ = estimator.add(response(local: now, offset: 1.5), now: now)
        }
        #expect(estimator.offset.rejectedMeasurement == nil)
        #expect(abs(estimator.offset.target - 1.5) < 0.3)
    }

    @Test func oneHostileHeaderAmongGoodOnesMovesNothing() throws {
        var estimator = ClockOffsetEstimator()
        var now = MonitorFixtures.start
        for step in 0..<12 {
            now = now.addingTimeInterval(2.07)
            let offset = step == 6 ? -3e9 : 0.4
            _ = estimator.add(response(local: now, offset: offset), now: now)
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate - 0.4) < 0.15, "estimate \(estimate)")
        #expect(estimator.offset.rejectedMeasurement == nil)
    }

    @Test func schedulerReportsTheOffsetAfterTheResponse() {
        var scheduler = PollScheduler(targetCount: 1)
        _ = scheduler.start(now: MonitorFixtures.start)
        let get = scheduler.dueRequests(now: MonitorFixtures.start)[0]
        let events = scheduler.didFinish(get, response: response(local: MonitorFixtures.start, offset: 30),
                                         now: MonitorFixtures.start)
        #expect(events.map(\.summary) == ["done 0 GET", "offset"])
    }

    @Test func getSentBeforeAPutResponseIsDroppedWhenItAnswersAfterIt() {
        var guardrail = StaleResultGuard()
        let get = guardrail.stampSend()
        let put = guardrail.stampSend()
        let putAdmitted = guardrail.admit(target: 0, request: .put(.unprotect), sentStamp: put)
        #expect(putAdmitted)
        let staleGetAdmitted = guardrail.admit(target: 0, request: .get, sentStamp: get)
        #expect(!staleGetAdmitted)
        // A GET sent after the PUT's response is delivered normally.
        let fresh = guardrail.stampSend()
        let freshGetAdmitted = guardrail.admit(target: 0, request: .get, sentStamp: fresh)
        #expect(freshGetAdmitted)
    }

    @Test func staleRuleIsPerTargetAndSparesGetsAnsweredBeforeThePut() {
        var guardrail = StaleResultGuard()
        let earlyGet = guardrail.stampSend()
        let otherTargetGet = guardrail.stampSend()
        let put = guardrail.stampSend()
        let earlyGetAdmitted = guardrail.admit(target: 0, request: .get, sentStamp: earlyGet)
        #expect(earlyGetAdmitted)
        let putAdmitted = guardrail.admit(target: 0, request: .put(.unprotect), sentStamp: put)
        #expect(putAdmitted)
        let otherTargetAdmitted = guardrail.admit(target: 1, request: .get, sentStamp: otherTargetGet)
        #expect(otherTargetAdmitted)
    }
}
