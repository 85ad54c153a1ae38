import FoundationEssentials
#if canImport(Glibc)
import Glibc // pow
#endif
import UTCTime

/// RFC 3339 timestamps as the agent writes them: UTC, `Z`, 0 to 3 fractional digits
/// (accepting 0 to 9 and numeric offsets too, so other implementations parse).
public enum RFC3339 {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
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
        guard scanner.atEnd,
              let time = UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                                     maximumSecond: 60) else { return nil }
        return Date(timeIntervalSince1970: Double(time.secondsSince1970 - offsetSeconds) + fraction)
    }

    /// Formats like the agent: UTC, `Z`, milliseconds with trailing zeros trimmed (none when zero).
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, milliseconds) = CivilDate.floorDivide(totalMilliseconds, 1000)
        let time = UTCDateTime(secondsSince1970: seconds)
        var text = "\(pad(time.date.year, 4))-\(pad(time.date.month, 2))-\(pad(time.date.day, 2))"
            + "T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
        if milliseconds != 0 {
            var fraction = pad(milliseconds, 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String { String(zeroPadded: value, width: width) }
}
