import Foundation
import Testing
@testable import Dashboard

/// `TimeText.clock` computes local wall-clock time from the zone's offsets; a Gregorian calendar
/// in the same zone (Foundation's, with the time-zone database) is the independent answer it
/// must agree with.
@Suite struct ClockTextTests {
    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"])
    func agreesWithTheCalendarAcrossTheYear(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let offsets = LocalTimeOffsets(sampling: { zone.secondsFromGMT(for: $0) }, from: Date(timeIntervalSince1970: -3.1e9),
                                       through: Date(timeIntervalSince1970: 5.1e9))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var random = SystemRandomNumberGenerator()
        // Around DST changes and far from 1970 on both sides, with fractional seconds.
        var instants: [Double] = [0, -0.5, 1_711_846_799.9, 1_711_846_800, 1_729_987_200.25, -2_208_988_800]
        for _ in 0..<400 { instants.append(Double.random(in: -3e9...5e9, using: &random)) }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            let expected = String(format: "%02d:%02d:%02d", parts.hour ?? -1, parts.minute ?? -1, parts.second ?? -1)
            #expect(TimeText.clock(date, in: offsets) == expected, "\(zoneName) at \(instant)")
        }
    }
}
