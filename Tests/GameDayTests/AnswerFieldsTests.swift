import Foundation
import ProtectionCore
import Testing
@testable import GameDay

/// The fields a replay reads countdowns and ages from: written and read back to the microsecond,
/// and hostile values refused rather than believed.
@Suite struct AnswerFieldsTests {
    private let arrival = Date(timeIntervalSince1970: 1_796_533_753.445_027)

    @Test func anAnswersTimingComesBackToTheMicrosecond() throws {
        let response = ProtectionResponse(result: .rateLimited(message: "slow down"), httpStatus: 429,
                                          serverDate: Date(timeIntervalSince1970: 1_796_533_765), sentAt: arrival.addingTimeInterval(-0.012_345),
                                          receivedAt: arrival)
        let timing = try #require(AnswerFields.timing(AnswerFields.of(response)))
        #expect(abs(try #require(timing.receivedAt).timeIntervalSince(arrival)) < 1e-6)
        #expect(abs(try #require(timing.sentAt).timeIntervalSince(response.sentAt)) < 1e-6)
        #expect(timing.serverDate == response.serverDate)
        #expect(timing.httpStatus == 429)
    }

    @Test func heartbeatArrivalsDatesAndHandOversFollowTheirIds() throws {
        let answers = [RepeatedAnswer(receivedAt: arrival, serverDate: nil, takenAt: nil),
                       RepeatedAnswer(receivedAt: arrival.addingTimeInterval(0.5), serverDate: arrival.addingTimeInterval(12),
                                      takenAt: arrival.addingTimeInterval(0.75))]
        let fields = AnswerFields.heartbeat(answers)
        let read = try #require(AnswerFields.heartbeatAnswers(fields, ids: 2))
        #expect(abs(read[1].receivedAt.timeIntervalSince(answers[1].receivedAt)) < 1e-6)
        #expect(read[0].serverDate == nil && read[1].serverDate != nil)
        #expect(AnswerFields.heartbeatAnswers(fields, ids: 3) == nil, "a list that does not fit its ids is not believed")
        let taken = try #require(AnswerFields.heartbeatTaken(fields, ids: 2))
        #expect(taken[0] == nil && abs((taken[1] ?? .distantPast).timeIntervalSince(arrival.addingTimeInterval(0.75))) < 1e-6)
        #expect(AnswerFields.heartbeatTaken(fields, ids: 1) == nil, "a list that does not fit its ids is not believed")
        #expect(AnswerFields.heartbeat(Array(answers.prefix(1)))["taken"] == nil, "no hand-over said, no field")
    }

    @Test func hostileValuesAreRefused() {
        #expect(AnswerFields.instant("-5") == nil)
        #expect(AnswerFields.instant("99999999999999999999") == nil)
        #expect(AnswerFields.instant("1e15") == nil)
        #expect(AnswerFields.timing(["http": "99999", "received": "x"]) == nil)
        #expect(AnswerFields.heartbeatAnswers(["answered": "1,,3"], ids: 3) == nil)
        #expect(AnswerFields.clockOffset(["base": "nan", "target": "1", "since": "-"]) == nil)
        #expect(AnswerFields.clockOffset(["base": "1e300", "target": "1", "since": "-"]) == nil)
        let clock = AnswerFields.clockOffset(AnswerFields.clock(ClockOffset(base: 0, target: 12.25, since: arrival)))
        #expect(clock?.target == 12.25 && abs((clock?.since ?? .distantPast).timeIntervalSince(arrival)) < 1e-6)
    }
}
