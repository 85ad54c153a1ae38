@testable import AWSAccess
import Foundation
import ProtectionCore
import Testing

/// Calls per minute: a count over the elapsed time until a minute has passed, then a rate.
@Suite struct CallRateMeterTests {
    private let start = Date(timeIntervalSince1970: 1_893_499_200)

    @Test func theFirstMinuteIsACountNotAnExtrapolation() {
        var meter = CallRateMeter()
        #expect(meter.record(count: 3, now: start) == .callsCounted(calls: 0, seconds: 0))
        // 15 calls in 12 s would extrapolate to 75/min; it is said as it is.
        #expect(meter.record(count: 18, now: start.addingTimeInterval(12)) == .callsCounted(calls: 15, seconds: 12))
        #expect(meter.record(count: 19, now: start.addingTimeInterval(12.5)) == nil, "at most once a second")
        #expect(meter.record(count: 40, now: start.addingTimeInterval(59)) == .callsCounted(calls: 37, seconds: 59))
    }

    @Test func afterAMinuteItIsTheRateOverTheLastMinute() {
        var meter = CallRateMeter()
        for second in stride(from: 0, through: 60, by: 5) {
            _ = meter.record(count: 3 + second / 5, now: start.addingTimeInterval(TimeInterval(second)))
        }
        // One call every 5 s over the last minute: 12 a minute.
        #expect(meter.reported == .callRateChanged(callsPerMinute: 12))
        #expect(meter.record(count: 16, now: start.addingTimeInterval(65)) == nil, "same rate, nothing new to say")
    }
}
