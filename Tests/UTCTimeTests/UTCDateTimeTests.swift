import Testing
import UTCTime

@Suite struct UTCDateTimeTests {
    @Test func breaksDownSecondsOnBothSidesOf1970() throws {
        let before = UTCDateTime(secondsSince1970: -1)
        #expect([before.date.year, before.date.month, before.date.day, before.hour, before.minute, before.second]
            == [1969, 12, 31, 23, 59, 59])
        let signing = UTCDateTime(secondsSince1970: 1_440_938_160)
        #expect([signing.date.year, signing.date.month, signing.date.day, signing.hour, signing.minute, signing.second]
            == [2015, 8, 30, 12, 36, 0])
        for seconds in stride(from: -10_000_000, through: 10_000_000, by: 9_973) {
            #expect(UTCDateTime(secondsSince1970: seconds).secondsSince1970 == seconds)
        }
    }

    @Test func fieldsAreChecked() throws {
        let time = try #require(UTCDateTime(year: 2015, month: 8, day: 30, hour: 12, minute: 36, second: 0))
        #expect(time.secondsSince1970 == 1_440_938_160)
        #expect(UTCDateTime(year: 2015, month: 8, day: 30, hour: 24, minute: 0, second: 0) == nil)
        #expect(UTCDateTime(year: 2015, month: 8, day: 30, hour: 0, minute: 60, second: 0) == nil)
        #expect(UTCDateTime(year: 2015, month: 8, day: 30, hour: 0, minute: 0, second: -1) == nil)
        #expect(UTCDateTime(year: 2015, month: 2, day: 30, hour: 0, minute: 0, second: 0) == nil)
        // A leap second only where the format admits one; it reads as the next minute's first second.
        #expect(UTCDateTime(year: 2016, month: 12, day: 31, hour: 23, minute: 59, second: 60) == nil)
        let leap = try #require(UTCDateTime(year: 2016, month: 12, day: 31, hour: 23, minute: 59, second: 60, maximumSecond: 60))
        #expect(leap.secondsSince1970 == UTCDateTime(secondsSince1970: 1_483_228_800).secondsSince1970)
    }

    @Test func zeroPadding() {
        #expect(String(zeroPadded: 7, width: 2) == "07")
        #expect(String(zeroPadded: 0, width: 3) == "000")
        #expect(String(zeroPadded: 2030, width: 4) == "2030")
        #expect(String(zeroPadded: 12_345, width: 4) == "12345")
    }
}
