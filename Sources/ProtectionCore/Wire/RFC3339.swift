import Foundation

/// RFC 3339 timestamps as the agent writes them: UTC, `Z`, 0 to 3 fractional digits
/// (accepting 0 to 9 and numeric offsets too, so other implementations parse).
public enum RFC3339 {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.expect("-"),
              let month = scanner.number(digits: 2), scanner.expect("-"),
              let day = scanner.number(digits: 2), scanner.expect(anyOf: "Tt"),
              let hour = scanner.number(digits: 2), scanner.expect(":"),
              let minute = scanner.number(digits: 2), scanner.expect(":"),
              let second = scanner.number(digits: 2) else { return nil }
        var fraction = 0.0
        if scanner.expect(".") {
            let digits = scanner.digitRun()
            guard (1...9).contains(digits.count) else { return nil }
            fraction = Double(digits.reduce(0) { $0 * 10 + Int($1 - 48) }) / pow(10, Double(digits.count))
        }
        var offsetSeconds = 0
        if scanner.expect(anyOf: "Zz") {
            offsetSeconds = 0
        } else if let sign = scanner.take(anyOf: "+-") {
            guard let offsetHours = scanner.number(digits: 2), scanner.expect(":"),
                  let offsetMinutes = scanner.number(digits: 2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        guard scanner.atEnd, (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        let days = CivilCalendar.daysFromEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats like the agent: UTC, `Z`, milliseconds with trailing zeros trimmed (none when zero).
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = totalMilliseconds.floorDivided(by: 1000)
        let milliseconds = totalMilliseconds - seconds * 1000
        let (year, month, day) = CivilCalendar.civil(fromDays: seconds.floorDivided(by: 86_400))
        let secondOfDay = seconds - seconds.floorDivided(by: 86_400) * 86_400
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if milliseconds != 0 {
            var fraction = pad(milliseconds, 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int {
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
