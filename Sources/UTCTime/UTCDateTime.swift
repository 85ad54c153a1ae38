/// A UTC instant to the second, broken down into calendar date and time of day.
public struct UTCDateTime: Sendable, Hashable {
    public let date: CivilDate
    /// 0 to 23.
    public let hour: Int
    /// 0 to 59.
    public let minute: Int
    /// 0 to 59 when made from seconds; up to 60 (a leap second) when parsed.
    public let second: Int

    /// The breakdown of `seconds` since 1970-01-01T00:00:00Z (negative before it).
    public init(secondsSince1970 seconds: Int) {
        let (days, secondOfDay) = CivilDate.floorDivide(seconds, 86_400)
        date = CivilDate(daysSince1970: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// The instant with these fields; nil unless the date exists, the hour is below 24, the minute
    /// below 60 and the second at most `maximumSecond` (60 admits a leap second, as RFC 3339 does).
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, maximumSecond: Int = 59) {
        guard let date = CivilDate(year: year, month: month, day: day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0...maximumSecond).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00Z (a leap second counts as the first second of the next minute).
    public var secondsSince1970: Int {
        date.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second
    }
}
