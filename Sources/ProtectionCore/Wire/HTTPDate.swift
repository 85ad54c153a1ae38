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

    /// Formats a date as an IMF-fixdate, truncated to the second.
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(RFC3339.pad(day, 2)) \(months[month - 1]) \(RFC3339.pad(year, 4)) "
            + "\(RFC3339.pad(secondOfDay / 3600, 2)):\(RFC3339.pad(secondOfDay / 60 % 60, 2)):\(RFC3339.pad(secondOfDay % 60, 2)) GMT"
    }
}
