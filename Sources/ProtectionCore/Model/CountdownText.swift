/// Remaining time as operators read it: `1h59m07s`, `4m05s`, `42s`.
public enum CountdownText {
    /// Formats whole seconds (fractions are dropped; negative and non-finite values read as `0s`).
    public static func format(seconds: Double) -> String {
        let total = seconds.isFinite ? max(0, Int(seconds.rounded(.down))) : 0
        let hours = total / 3600
        let minutes = total / 60 % 60
        let secs = total % 60
        if hours > 0 { return "\(hours)h\(RFC3339.pad(minutes, 2))m\(RFC3339.pad(secs, 2))s" }
        if minutes > 0 { return "\(minutes)m\(RFC3339.pad(secs, 2))s" }
        return "\(secs)s"
    }
}
