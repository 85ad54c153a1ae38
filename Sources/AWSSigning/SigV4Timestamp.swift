import FoundationEssentials
import UTCTime

/// The two UTC time formats of SigV4: `20150830T123600Z` (`X-Amz-Date`) and `20150830` (scope).
public struct SigV4Timestamp: Sendable, Equatable {
    /// `yyyyMMdd'T'HHmmss'Z'`.
    public let amzDate: String
    /// `yyyyMMdd`.
    public var dateStamp: String { String(amzDate.prefix(8)) }

    /// The timestamp of `date`, to the whole second (rounded down).
    public init(_ date: Date) {
        let time = UTCDateTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        amzDate = Self.pad(time.date.year, 4) + Self.pad(time.date.month, 2) + Self.pad(time.date.day, 2) + "T"
            + Self.pad(time.hour, 2) + Self.pad(time.minute, 2) + Self.pad(time.second, 2) + "Z"
    }

    /// Parses an `X-Amz-Date` value; `nil` unless it is exactly `yyyyMMdd'T'HHmmss'Z'` and valid.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4), let month = scanner.number(digits: 2), let day = scanner.number(digits: 2),
              scanner.expect("T"),
              let hour = scanner.number(digits: 2), let minute = scanner.number(digits: 2), let second = scanner.number(digits: 2),
              scanner.expect("Z"), scanner.atEnd,
              let time = UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(time.secondsSince1970))
    }

    private static func pad(_ value: Int, _ width: Int) -> String { String(zeroPadded: value, width: width) }
}
