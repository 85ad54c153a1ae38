@testable import AgentSimulator
import Foundation
import Testing
@testable import ProtectionCore

@Suite struct WireTimeTests {
    @Test(arguments: [
        ("2030-01-01T00:00:00Z", 1_893_456_000.0),
        ("2030-01-01T00:00:00.5Z", 1_893_456_000.5),
        ("2030-01-01T00:00:00.12Z", 1_893_456_000.12),
        ("2030-01-01T00:00:00.123Z", 1_893_456_000.123),
        ("2030-01-01T00:00:00.123456789Z", 1_893_456_000.123456789),
        ("2030-01-01T02:00:00+02:00", 1_893_456_000.0),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func parsesAgentTimestamps(text: String, epoch: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.000_001)
    }

    @Test(arguments: ["", "2030-01-01", "2030-01-01T00:00:00", "2030-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                      "2030-01-01T24:00:00Z", "2030-01-01T00:00:00.Z", "2030-01-01T00:00:00.1234567890Z",
                      "2030-01-01T00:00:00Zjunk", "２０３０-01-01T00:00:00Z"])
    func rejectsMalformedTimestamps(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsLikeTheAgentTrimmingMilliseconds() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_893_456_000)) == "2030-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_893_456_000.5)) == "2030-01-01T00:00:00.5Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_893_456_000.12)) == "2030-01-01T00:00:00.12Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_893_456_000.123)) == "2030-01-01T00:00:00.123Z")
    }

    @Test func httpDateRoundTrip() throws {
        let date = try #require(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(date.timeIntervalSince1970 == 784_111_777)
        // The product writes Date headers only in the simulator; the client reads them back.
        #expect(WireTime.imfFixdate(millisecondsSince1970: Int64(date.timeIntervalSince1970 * 1000)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(WireTime.imfFixdate(millisecondsSince1970: 1_893_456_000_900) == "Tue, 01 Jan 2030 00:00:00 GMT")
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
    }

    @Test func countdownText() {
        #expect(CountdownText.format(seconds: 7147.9) == "1h59m07s")
        #expect(CountdownText.format(seconds: 245) == "4m05s")
        #expect(CountdownText.format(seconds: 42) == "42s")
        #expect(CountdownText.format(seconds: -3) == "0s")
    }
}
