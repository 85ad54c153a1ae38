import Foundation
import ProtectionCore
import Testing

/// The one clock rule: ExpirationDate minus the same answer's Date, from the answer's arrival,
/// capped by the request of ours that set the protection; the reader's wall clock never enters.
@Suite struct ExpiryEstimateTests {
    private let arrival = Date(timeIntervalSince1970: 1_893_499_200)

    @Test func theTimeLeftIsTheAnswersExpiryMinusItsOwnDate() {
        // The agent's clock reads an hour behind the reader's: the difference still counts.
        let agentNow = arrival.addingTimeInterval(-3600)
        let estimate = ExpiryEstimate(expiration: agentNow.addingTimeInterval(300), enabled: true, serverDate: agentNow, receivedAt: arrival)
        #expect(estimate.endsAt == arrival.addingTimeInterval(300))
        #expect(estimate.agentClockAhead == nil)
        #expect(estimate.remaining(at: arrival.addingTimeInterval(100)) == 200)
    }

    @Test func anAgentClockAnHourBehindECSIsCaughtByTheRequestThatSetTheProtection() {
        // ECS set 2 minutes from the true time; the agent's Date is an hour behind it.
        let sent = arrival.addingTimeInterval(-0.2)
        let estimate = ExpiryEstimate(expiration: arrival.addingTimeInterval(120), enabled: true,
                                      serverDate: arrival.addingTimeInterval(-3600), receivedAt: arrival,
                                      requestBound: sent.addingTimeInterval(120))
        #expect(estimate.endsAt == sent.addingTimeInterval(120), "renewals and alerts count to the request's end, not an hour later")
        #expect(abs((estimate.agentClockAhead ?? 0) + 3600) < 1, "the agent's clock is an hour behind ECS's")
    }

    @Test func anAgentClock23HoursAheadDoesNotLapseAProtectionWeSet() {
        let sent = arrival.addingTimeInterval(-0.1)
        let estimate = ExpiryEstimate(expiration: arrival.addingTimeInterval(3600), enabled: true,
                                      serverDate: arrival.addingTimeInterval(23 * 3600), receivedAt: arrival,
                                      requestBound: sent.addingTimeInterval(3600))
        #expect(estimate.endsAt == sent.addingTimeInterval(3600))
        #expect(abs((estimate.agentClockAhead ?? 0) - 23 * 3600) < 1)
    }

    @Test func agreeingClocksAreCappedByTheRequest() {
        let sent = arrival.addingTimeInterval(-0.3)
        let estimate = ExpiryEstimate(expiration: arrival.addingTimeInterval(7200), enabled: true,
                                      serverDate: arrival, receivedAt: arrival, requestBound: sent.addingTimeInterval(7200))
        #expect(estimate.endsAt == sent.addingTimeInterval(7200))
        #expect(estimate.agentClockAhead == nil)
    }

    @Test func protectedButPastItsExpiryByItsOwnDateIsAnUnknownEndNotALapse() {
        let estimate = ExpiryEstimate(expiration: arrival.addingTimeInterval(3600), enabled: true,
                                      serverDate: arrival.addingTimeInterval(23 * 3600), receivedAt: arrival)
        #expect(estimate.endsAt == nil)
        #expect(abs((estimate.agentClockAhead ?? 0) - 22 * 3600) < 1)
    }

    @Test func anAbsurdDateSaysNothingOfClocks() {
        let estimate = ExpiryEstimate(expiration: Date(timeIntervalSince1970: 0), enabled: true, serverDate: arrival, receivedAt: arrival)
        #expect(estimate.endsAt == nil)
        #expect(estimate.agentClockAhead == nil)
    }

    @Test func notProtectedHasNoEnd() {
        let estimate = ExpiryEstimate(expiration: nil, enabled: false, serverDate: arrival, receivedAt: arrival)
        #expect(estimate.endsAt == nil && estimate.agentClockAhead == nil)
    }
}
