import Foundation
import Testing
@testable import ProtectionCore

/// Countdown texts and the plausibility of expiration dates.
@Suite("Countdown text and absurd dates")
struct MonitorCountdownTextTests {
    @Test func shortSpansKeepHoursMinutesAndSeconds() {
        #expect(CountdownText.format(seconds: 42.9) == "42s")
        #expect(CountdownText.format(seconds: 245) == "4m05s")
        #expect(CountdownText.format(seconds: 7_147) == "1h59m07s")
        #expect(CountdownText.format(seconds: 48 * 3600) == "48h00m00s")
        #expect(CountdownText.format(seconds: 100 * 3600 - 1) == "99h59m59s")
    }

    @Test func spansOfAHundredHoursOrMoreReadAsDaysAndHours() {
        #expect(CountdownText.format(seconds: 100 * 3600) == "4d04h")
        #expect(CountdownText.format(seconds: 277 * 3600 + 47 * 60) == "11d13h")
        #expect(CountdownText.format(seconds: 12 * 86_400 + 4 * 3600 + 3599) == "12d04h")
        #expect(CountdownText.format(seconds: 400 * 86_400) == "400d00h")
    }

    @Test func noValueIsWiderThanTheColumnOrTraps() {
        let values: [Double] = [-1, 0, .nan, .infinity, -.infinity, 1e300, 9.2e18, 3e11, Double(Int.max), .greatestFiniteMagnitude]
            + (0..<4_000).map { pow(1.01, Double($0)) }
        for value in values {
            let text = CountdownText.format(seconds: value)
            #expect(text.count <= CountdownText.maximumWidth, "\(value) → \(text)")
        }
        #expect(CountdownText.format(seconds: 1e300) == "99999d23h")
        #expect(CountdownText.format(seconds: .nan) == "0s")
    }

    @Test func expirationDatesFarAwayAreImplausible() throws {
        let now = MonitorFixtures.start
        func protection(_ date: Date?) -> TaskProtection {
            TaskProtection(enabled: true, expirationDate: date, taskArn: "arn:aws:ecs:task/1")
        }
        let yearOne = try #require(RFC3339.parse("0001-01-01T00:00:00Z"))
        #expect(protection(yearOne).hasImplausibleExpiration(at: now))
        #expect(protection(now.addingTimeInterval(400 * 86_400)).hasImplausibleExpiration(at: now))
        #expect(protection(now.addingTimeInterval(-400 * 86_400)).hasImplausibleExpiration(at: now))
        #expect(!protection(now.addingTimeInterval(12 * 86_400)).hasImplausibleExpiration(at: now))
        #expect(!protection(now.addingTimeInterval(-90)).hasImplausibleExpiration(at: now))
        #expect(!protection(nil).hasImplausibleExpiration(at: now))
    }
}
