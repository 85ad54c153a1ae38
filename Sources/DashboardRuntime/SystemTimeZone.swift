import Dashboard
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The operator's time zone as the C library knows it (`TZ`, else `/etc/localtime`), for the
/// dashboard's clock times: FoundationEssentials has no time-zone database of its own (its
/// `TimeZone.current` is GMT), and the Dashboard module reads nothing from the system.
public enum SystemTimeZone {
    /// Seconds local clocks read ahead of UTC at `date` (`localtime_r`'s `tm_gmtoff`).
    public static func secondsFromGMT(at date: Date) -> Int {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds.magnitude < 1e15 else { return 0 }
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }

    /// The zone's offsets from a day before `start` through `days` days after `end`: a session
    /// shows expiries up to two days ahead (the longest protection) and runs for days; past the
    /// end the last offset holds.
    public static func offsets(from start: Date, through end: Date, days: Int = 400) -> LocalTimeOffsets {
        tzset()
        return LocalTimeOffsets(sampling: secondsFromGMT(at:), from: start.addingTimeInterval(-86_400),
                                through: end.addingTimeInterval(Double(days) * 86_400))
    }
}
