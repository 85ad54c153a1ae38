import Foundation

/// The HTTP `Date` header (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), as Go's net/http writes it.
public enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// Parses an IMF-fixdate; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let weekday = scanner.word(length: 3), weekdays.contains(weekday),
              scanner.expect(","), scanner.expect(" "),
              let day = scanner.number(digits: 2), scanner.expect(" "),
              let monthName = scanner.word(length: 3), let monthIndex = months.firstIndex(of: monthName),
              scanner.expect(" "), let year = scanner.number(digits: 4), scanner.expect(" "),
              let hour = scanner.number(digits: 2), scanner.expect(":"),
              let minute = scanner.number(digits: 2), scanner.expect(":"),
              let second = scanner.number(digits: 2), scanner.expect(" "),
              scanner.word(length: 3) == "GMT", scanner.atEnd else { return nil }
        let month = monthIndex + 1
        guard (1...CivilCalendar.daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = CivilCalendar.daysFromEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}
