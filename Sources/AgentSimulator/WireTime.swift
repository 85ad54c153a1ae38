/// Formats instants the way the ECS agent's Go code writes them, without Foundation's
/// locale-dependent formatters.
enum WireTime {
    /// `ExpirationDate`: UTC, `Z`, milliseconds with trailing zeros trimmed (none when `.000`).
    static func rfc3339(millisecondsSince1970 milliseconds: Int64) -> String {
        let (seconds, millis) = floorDivide(milliseconds, 1000)
        let civil = CivilTime(secondsSince1970: seconds)
        var text = "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))"
            + "T\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):\(pad(civil.second, 2))"
        if millis != 0 {
            var fraction = pad(Int(millis), 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// The HTTP `Date` header (IMF-fixdate, second precision): `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func imfFixdate(millisecondsSince1970 milliseconds: Int64) -> String {
        let seconds = floorDivide(milliseconds, 1000).quotient
        let civil = CivilTime(secondsSince1970: seconds)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(floorDivide(civil.daysSince1970, 7).remainder)]
        return "\(weekday), \(pad(civil.day, 2)) \(months[civil.month - 1]) \(pad(civil.year, 4)) "
            + "\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):\(pad(civil.second, 2)) GMT"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}

/// A UTC calendar breakdown of seconds since 1970 (proleptic Gregorian, days-from-civil inverse).
private struct CivilTime {
    let daysSince1970: Int64
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(secondsSince1970 seconds: Int64) {
        let (days, secondOfDay) = WireTime.floorDivide(seconds, 86_400)
        daysSince1970 = days
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        let shifted = days + 719_468
        let era = WireTime.floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }
}
