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
            if let report = estimator.add(response(local: local, offset: 30)) { reports.append(report) }
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate - 30) < 0.2)
        #expect(abs((reports.first ?? 0) - 30) <= 0.5)
        #expect(reports.count <= 3, "small moves are not reported: \(reports)")
    }

    @Test func noisySamplesAreCombinedByTheMedian() throws {
        var estimator = ClockOffsetEstimator(windowSize: 9)
        for step in 0..<9 {
            let local = MonitorFixtures.start.addingTimeInterval(Double(step) * 1.13)
            // Two wild outliers: a slow response and an agent far off.
            let offset = step == 2 ? 400.0 : (step == 5 ? -90 : -12)
            let roundTrip = step == 7 ? 3.0 : 0.02
            _ = estimator.add(response(local: local, offset: offset, roundTrip: roundTrip))
        }
        let estimate = try #require(estimator.estimate)
        #expect(abs(estimate - -12) < 0.6)
    }

    @Test func reportsWhenTheEstimateMovesByMoreThanAQuarterSecond() {
        var estimator = ClockOffsetEstimator(windowSize: 1)
        let local = MonitorFixtures.start
        let firstReport = estimator.add(response(local: local, offset: 0))
        #expect(firstReport != nil)
        let smallMove = estimator.add(response(local: local.addingTimeInterval(0.1), offset: 0))
        #expect(smallMove == nil)
        let largeMove = estimator.add(response(local: local.addingTimeInterval(0.2), offset: 5))
        #expect(largeMove != nil)
        let withoutDate = ProtectionResponse(result: .transport(.timeout), httpStatus: nil, serverDate: nil,
                                             sentAt: local, receivedAt: local)
        let noDateReport = estimator.add(withoutDate)
        #expect(noDateReport == nil)
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
