@testable import AgentSimulator
import Foundation
import ProtectionCore
import Testing

/// The simulator writes timestamps with its own calendar code (`WireTime`) so that it stays
/// independent of the client it is meant to test; this suite keeps the two calendars honest:
/// whatever the simulator writes, the client reads back as the same instant.
@Suite struct WireTimeAgreementTests {
    /// Instants around the awkward places: the epoch, leap days, century years, milliseconds.
    static let milliseconds: [Int64] = [
        0, 999, 1_000, 951_782_400_000, 951_868_799_999, 1_709_164_800_123, 1_893_456_000_500,
        4_107_542_399_999, 4_107_542_400_000, 253_402_300_799_000,
    ] + (0..<200).map { Int64($0) * 86_400_000 * 173 + Int64($0 % 1000) }

    @Test func expirationDatesReadBackAsTheSameInstant() throws {
        for value in Self.milliseconds {
            let text = WireTime.rfc3339(millisecondsSince1970: value)
            let date = try #require(RFC3339.parse(text), "\(text)")
            #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == value, "\(text)")
        }
    }

    @Test func dateHeadersReadBackToTheSecond() throws {
        for value in Self.milliseconds {
            let text = WireTime.imfFixdate(millisecondsSince1970: value)
            let date = try #require(HTTPDate.parse(text), "\(text)")
            #expect(Int64(date.timeIntervalSince1970) == value / 1000, "\(text)")
        }
    }
}
