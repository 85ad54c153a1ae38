import FoundationEssentials
import SafeText

/// A duration as a scenario writes it: `30s`, `5m`, `1h30m`, `2h`, `500ms`, with a leading `-`
/// where a negative value makes sense (a clock skew). A unit is required: a bare `30` is refused
/// because nobody reading the file can tell seconds from minutes.
public enum ScenarioDuration {
    /// The duration in seconds, or `nil` when `text` is not a duration.
    public static func seconds(_ text: String) -> Double? {
        var rest = Substring(text.trimmingHorizontalWhitespace())
        var sign = 1.0
        if rest.first == "-" {
            sign = -1
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        var lastUnitRank = Int.max
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let (unit, rank, factor): (String, Int, Double) =
                rest.hasPrefix("ms") ? ("ms", 0, 0.001)
                : rest.hasPrefix("h") ? ("h", 3, 3600)
                : rest.hasPrefix("m") ? ("m", 2, 60)
                : rest.hasPrefix("s") ? ("s", 1, 1)
                : ("", -1, 0)
            // Units must be given largest first and once each (`1h30m`, not `30m1h`).
            guard rank >= 0, rank < lastUnitRank else { return nil }
            lastUnitRank = rank
            rest = rest.dropFirst(unit.count)
            total += number * factor
        }
        return sign * total
    }

    /// `seconds` as a scenario would write it, e.g. `1h30m`, `45s`, `-90s` (whole seconds).
    public static func text(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let magnitude = abs(whole)
        let (hours, minutes, secs) = (magnitude / 3600, magnitude % 3600 / 60, magnitude % 60)
        var text = whole < 0 ? "-" : ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if secs > 0 || magnitude == 0 { text += "\(secs)s" }
        return text
    }
}
