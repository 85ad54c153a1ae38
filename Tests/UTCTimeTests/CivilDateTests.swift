import Foundation
import Testing
import UTCTime

@Suite struct CivilDateTests {
    @Test func knownDaysSince1970() throws {
        let cases: [(Int, Int, Int, Int)] = [
            (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017),
            (1900, 3, 1, -25_508), (2030, 1, 1, 21_915), (1, 1, 1, -719_162), (9999, 12, 31, 2_932_896),
        ]
        for (year, month, day, days) in cases {
            let date = try #require(CivilDate(year: year, month: month, day: day))
            #expect(date.daysSince1970 == days, "\(year)-\(month)-\(day)")
            #expect(CivilDate(daysSince1970: days) == date, "\(days)")
        }
    }

    @Test func everyDayRoundTripsAndFollowsTheDayBefore() {
        var previous = CivilDate(daysSince1970: -800_001)
        for days in -800_000...800_000 {
            let date = CivilDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            let nextDay = previous.day < CivilDate.daysIn(month: previous.month, year: previous.year)
            let expected = nextDay
                ? (previous.year, previous.month, previous.day + 1)
                : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
            if (date.year, date.month, date.day) != expected {
                Issue.record("day \(days) is \(date), expected \(expected)")
                return
            }
            previous = date
        }
    }

    /// Foundation's Gregorian calendar switches to Julian before 1582; compare from 1600 on.
    @Test func agreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(CivilDate(year: 1600, month: 1, day: 1)).daysSince1970
        for days in stride(from: start, through: 2_932_896, by: 97) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let date = CivilDate(daysSince1970: days)
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day], "\(days)")
            #expect(date.weekday + 1 == parts.weekday, "\(days)")
        }
    }

    @Test func monthLengthsAndLeapYears() {
        #expect(CivilDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 2023) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29)
        #expect((1...12).map { CivilDate.daysIn(month: $0, year: 2023) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test func impossibleDatesAreRefused() {
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2030, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2030, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2030, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2030, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    }

    @Test func floorDivisionRoundsTowardsMinusInfinity() {
        #expect(CivilDate.floorDivide(7, 2) == (3, 1))
        #expect(CivilDate.floorDivide(-7, 2) == (-4, 1))
        #expect(CivilDate.floorDivide(-86_400, 86_400) == (-1, 0))
        #expect(CivilDate.floorDivide(-1, 86_400) == (-1, 86_399))
        #expect(CivilDate.floorDivide(0, 1000) == (0, 0))
    }
}
