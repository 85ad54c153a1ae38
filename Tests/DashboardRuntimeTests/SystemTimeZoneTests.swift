import Dashboard
import DashboardRuntime
import Foundation
import Testing

/// The dashboard's clock times come from the C library's idea of the zone (`TZ`), not from
/// Foundation's, which the binary does not link. Under a real zone with daylight-saving time the
/// offsets must change on the zone's own second, as the time-zone database has them.
@Suite(.serialized) struct SystemTimeZoneTests {
    /// Runs `body` with `TZ` set to `zone`, then puts `TZ` back as it was.
    private func withZone<T>(_ zone: String, _ body: () throws -> T) rethrows -> T {
        let saved = getenv("TZ").map { String(cString: $0) }
        setenv("TZ", zone, 1)
        tzset()
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        return try body()
    }

    @Test func eachSideOfADaylightSavingChangeUnderARealZone() throws {
        // 2026-03-08 07:00:00 UTC (02:00 EST becomes 03:00 EDT) and 2026-11-01 06:00:00 UTC (back).
        let springForward = Date(timeIntervalSince1970: 1_772_953_200)
        let fallBack = Date(timeIntervalSince1970: 1_793_512_800)
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        withZone("America/New_York") {
            #expect(SystemTimeZone.secondsFromGMT(at: springForward.addingTimeInterval(-1)) == -5 * 3600)
            #expect(SystemTimeZone.secondsFromGMT(at: springForward) == -4 * 3600)
            #expect(SystemTimeZone.secondsFromGMT(at: fallBack.addingTimeInterval(-1)) == -4 * 3600)
            #expect(SystemTimeZone.secondsFromGMT(at: fallBack) == -5 * 3600)
            let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
            let offsets = SystemTimeZone.offsets(from: start, through: start, days: 365)
            let database = LocalTimeOffsets(sampling: { newYork.secondsFromGMT(for: $0) }, from: start.addingTimeInterval(-86_400),
                                            through: start.addingTimeInterval(365 * 86_400))
            #expect(offsets == database)
            #expect(offsets.spans.map(\.start).dropFirst() == [springForward, fallBack])
        }
        withZone("Asia/Kolkata") {
            #expect(SystemTimeZone.offsets(from: springForward, through: springForward).spans.map(\.seconds) == [19_800])
        }
        withZone("UTC") {
            #expect(SystemTimeZone.offsets(from: springForward, through: fallBack).spans.map(\.seconds) == [0])
        }
    }
}
