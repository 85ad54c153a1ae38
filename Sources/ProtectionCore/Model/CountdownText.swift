import UTCTime

/// Remaining time as operators read it: `1h59m07s`, `4m05s`, `42s`, and from 100 hours on in days
/// and hours, `12d04h`, so the text never grows past ``maximumWidth``.
public enum CountdownText {
    /// The widest text ``format(seconds:)`` returns (`99h59m59s`, `99999d23h`): a column this wide
    /// holds every countdown.
    public static let maximumWidth = 9

    /// Longer spans read as this many days and 23 hours; they only come from a skewed or hostile
    /// date, and an `Int` conversion of such a `Double` must never trap.
    static let largestDays = 99_999

    /// Formats whole seconds (fractions are dropped; negative and non-finite values read as `0s`).
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0s" }
        let largest = Double(largestDays * 86_400 + 86_399)
        let total = Int(min(seconds, largest).rounded(.down))
        let hours = total / 3600
        let minutes = total / 60 % 60
        let secs = total % 60
        if hours >= 100 { return "\(total / 86_400)d\(String(zeroPadded: hours % 24, width: 2))h" }
        if hours > 0 { return "\(hours)h\(String(zeroPadded: minutes, width: 2))m\(String(zeroPadded: secs, width: 2))s" }
        if minutes > 0 { return "\(minutes)m\(String(zeroPadded: secs, width: 2))s" }
        return "\(secs)s"
    }
}
