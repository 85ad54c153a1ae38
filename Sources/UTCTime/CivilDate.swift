/// A day of the proleptic Gregorian calendar, converted to and from a count of days since
/// 1970-01-01 with Howard Hinnant's algorithms, so that wire timestamps are parsed and formatted
/// without a locale, a time-zone database or Foundation's formatters.
public struct CivilDate: Sendable, Hashable {
    public let year: Int
    /// 1 to 12.
    public let month: Int
    /// 1 to the length of the month.
    public let day: Int

    /// The date `days` days after (or before, when negative) 1970-01-01.
    public init(daysSince1970 days: Int) {
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The date with these fields; nil unless the month is 1 to 12 and the day exists in it.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days from 1970-01-01 to this date (negative before it).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(y, 400).quotient
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 for Sunday to 6 for Saturday.
    public var weekday: Int { (Self.floorDivide(daysSince1970, 7).remainder + 4) % 7 }

    /// Days in `month` (1 to 12) of `year`: February has 29 in years divisible by 4, except
    /// centuries not divisible by 400.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Division rounding towards minus infinity, with a remainder in `0..<divisor` (for a
    /// positive divisor): what calendar arithmetic on instants before 1970 needs.
    public static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder != 0, (remainder < 0) != (divisor < 0) {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}
