import FoundationEssentials
import ProtectionCore

/// Compact time texts for the dashboard: countdowns, ages and wall-clock times.
enum TimeText {
    /// A countdown: `1h59m07s`, `4m05s`, `42s`, formatted as the one-shot commands do.
    static func countdown(_ seconds: TimeInterval) -> String { CountdownText.format(seconds: seconds) }

    /// An age in one unit, at most three characters for up to 99 of it: `3s`, `12m`, `5h`, `2d`.
    static func age(_ seconds: TimeInterval) -> String {
        let total = seconds.isFinite ? max(0, Int(seconds.rounded(.down))) : 0
        if total < 100 { return "\(total)s" }
        if total < 100 * 60 { return "\(total / 60)m" }
        if total < 48 * 3600 { return "\(total / 3600)h" }
        return "\(total / 86_400)d"
    }

    /// `HH:MM:SS` of `date` in `timeZone`.
    static func clock(_ date: Date, in timeZone: LocalTimeOffsets) -> String {
        // Drawn for every visible row on every frame: the zone's offset at that instant and plain
        // arithmetic (every UTC day has 86,400 seconds), rather than a calendar's date components.
        let utc = date.timeIntervalSince1970.rounded(.down)
        guard utc.isFinite else { return "00:00:00" }
        var ofDay = (utc + Double(timeZone.secondsFromGMT(for: date))).truncatingRemainder(dividingBy: 86_400)
        if ofDay < 0 { ofDay += 86_400 }
        let seconds = Int(ofDay)
        return "\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
    }

    /// An interval in seconds without needless decimals: `2s`, `0.8s`, `2.5s`.
    static func interval(_ seconds: TimeInterval) -> String {
        let tenths = Int((seconds * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
    }

    /// A signed whole-second offset: `+3s`, `-12s`.
    static func offset(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 0 ? "+\(whole)s" : "\(whole)s"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
