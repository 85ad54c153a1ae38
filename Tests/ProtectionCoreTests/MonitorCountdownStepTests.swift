import Foundation
import Testing
@testable import ProtectionCore

/// Countdowns built on the clock offset step once a second and never go back up.
@Suite("Countdown steps")
struct MonitorCountdownStepTests {
    /// One simulated poll: whole-second `Date` header, jittered round trip, agent stamps the header
    /// somewhere inside it.
    private static func poll(at local: Date, trueOffset: TimeInterval,
                             using random: inout SeededRandomNumberGenerator) -> ProtectionResponse {
        let roundTrip = Double.random(in: 0.004...0.4, using: &random)
        let stamped = local.timeIntervalSince1970 + roundTrip * Double.random(in: 0.05...0.95, using: &random) + trueOffset
        return ProtectionResponse(result: .protection(MonitorFixtures.protection), httpStatus: 200,
                                  serverDate: Date(timeIntervalSince1970: stamped.rounded(.down)),
                                  sentAt: local, receivedAt: local.addingTimeInterval(roundTrip))
    }

    @Test(arguments: [0.37, -2.81, 0.0, 13.5])
    func displayedCountdownIsMonotonicAndNeverSkips(trueOffset: TimeInterval) throws {
        var random = SeededRandomNumberGenerator(seed: 29)
        var estimator = ClockOffsetEstimator()
        let start = MonitorFixtures.start.addingTimeInterval(0.123)
        // The expiry carries milliseconds, as the agent's do.
        let expiry = start.addingTimeInterval(1_800.457 + trueOffset)
        var offset = ClockOffset.zero
        var nextPoll = 0.0
        var previous: Double?
        var changes: [(at: Double, value: Double)] = []
        var time = 0.0
        while time < 900 {
            let now = start.addingTimeInterval(time)
            if time >= nextPoll {
                let response = Self.poll(at: now, trueOffset: trueOffset, using: &random)
                if let report = estimator.add(response, now: response.receivedAt) { offset = report }
                nextPoll = time + 2 * Double.random(in: 0.9...1.1, using: &random)
            }
            let shown = offset.countdownValue(until: expiry, at: now)
            if let previous, shown != previous {
                #expect(shown == previous - 1, "at \(time): \(previous) → \(shown)")
                changes.append((time, shown))
            }
            previous = shown
            time += 0.005
        }
        #expect(changes.count > 850)
        // After the first estimate, each value is shown for a second (within the slew and the
        // sampling step), never twice in one second, never skipped.
        let gaps = zip(changes.dropFirst(3), changes.dropFirst(2)).map { $0.at - $1.at }
        #expect(gaps.allSatisfy { $0 > 0.96 && $0 < 1.04 }, "gaps from \(gaps.min() ?? 0) to \(gaps.max() ?? 0)")
        let estimate = try #require(estimator.estimate)
        // Round trips up to 0.4 s leave the agreed range a little wide.
        #expect(abs(estimate - trueOffset) < 0.2, "estimate \(estimate) for \(trueOffset)")
    }

    @Test func wakingAtEachNextChangeShowsEveryValueOnce() throws {
        var random = SeededRandomNumberGenerator(seed: 5)
        var estimator = ClockOffsetEstimator()
        let start = MonitorFixtures.start.addingTimeInterval(0.61)
        let trueOffset = 0.72
        let expiry = start.addingTimeInterval(300.318 + trueOffset)
        var offset = ClockOffset.zero
        var now = start
        var nextPoll = start
        var shown = offset.countdownValue(until: expiry, at: now)
        var wakes = 0
        while let wake = offset.nextCountdownChange(until: expiry, after: now) {
            // Polls between two wake-ups may move the estimate; the UI then asks again.
            if nextPoll < wake {
                now = nextPoll
                let response = Self.poll(at: now, trueOffset: trueOffset, using: &random)
                if let report = estimator.add(response, now: now) { offset = report }
                nextPoll = now.addingTimeInterval(2 * Double.random(in: 0.9...1.1, using: &random))
                let value = offset.countdownValue(until: expiry, at: now)
                #expect(value <= shown, "a poll moved the countdown up: \(shown) → \(value)")
                shown = value
                continue
            }
            #expect(wake > now)
            now = wake
            let value = offset.countdownValue(until: expiry, at: now)
            let lapsed = offset.remaining(until: expiry, at: now) <= 0
            #expect(value == shown - 1 || (lapsed && shown == 0), "woke at a change from \(shown) to \(value)")
            // Just before the wake-up the old value was still showing: the instant is exact.
            #expect(offset.countdownValue(until: expiry, at: wake.addingTimeInterval(-0.001)) == shown
                        || offset.remaining(until: expiry, at: wake) <= 0)
            shown = value
            wakes += 1
        }
        #expect(shown == 0)
        #expect(offset.remaining(until: expiry, at: now) <= 0, "the last wake-up is the lapse")
        #expect(wakes >= 300)
    }

    @Test func slewIsBoundedAndInvertible() throws {
        let since = MonitorFixtures.start
        let backwards = ClockOffset(base: 0.8, target: 0.2, since: since, slewRate: 0.02)
        #expect(backwards.value(at: since.addingTimeInterval(-5)) == 0.8)
        #expect(abs(backwards.value(at: since.addingTimeInterval(10)) - 0.6) < 1e-9)
        #expect(backwards.value(at: since.addingTimeInterval(100)) == 0.2)
        for step in 0..<200 {
            let local = since.addingTimeInterval(Double(step) * 0.25 - 5)
            let agent = backwards.agentTime(at: local)
            let back = try #require(backwards.localTime(whenAgentClockReads: agent))
            #expect(abs(back.timeIntervalSince(local)) < 1e-6)
            let later = backwards.agentTime(at: local.addingTimeInterval(0.25))
            #expect(later > agent, "the agent clock never runs backwards")
        }
        let fixed: ClockOffset = 3
        #expect(fixed.value(at: since) == 3)
    }
}
