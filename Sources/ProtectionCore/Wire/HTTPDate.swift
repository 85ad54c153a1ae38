import FoundationEssentials
import UTCTime

/// The HTTP `Date` header (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), as Go's net/http writes it.
public enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// Parses an IMF-fixdate; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let weekday = scanner.word(length: 3), weekdays.contains(weekday),
              scanner.expect(","), scanner.expect(" "),
              let day = scanner.number(digits: 2), scanner.expect(" "),
              let monthName = scanner.word(length: 3), let monthIndex = months.firstIndex(of: monthName),
              scanner.expect(" "), let year = scanner.number(digits: 4), scanner.expect(" "),
              let hour = scanner.number(digits: 2), scanner.expect(":"),
              let minute = scanner.number(digits: 2), scanner.expect(":"),
              let second = scanner.number(digits: 2), scanner.expect(" "),
              scanner.word(length: 3) == "GMT", scanner.atEnd else { return nil }
        guard let time = UTCDateTime(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second,
                                     maximumSecond: 60) else { return nil }
        return Date(timeIntervalSince1970: Double(time.secondsSince1970))
    }
}
