import FoundationEssentials
import ProtectionCore

/// API calls per minute over the last minute, from a running count of calls sent. Until a minute
/// has passed since the first count, it reports the calls so far over the seconds so far instead:
/// a rate from the first seconds (a burst of discovery) would be an extrapolation.
struct CallRateMeter: Sendable {
    private var samples: [(time: Date, count: Int)] = []
    private var start: (time: Date, count: Int)?
    private(set) var reported: TaskSourceEvent?
    private var lastReport = Date.distantPast

    /// How far back the rate looks.
    static let window: TimeInterval = 60

    /// Records the count at `now`; returns a new reading (``TaskSourceEvent/callsCounted(calls:seconds:)``
    /// in the first minute, then ``TaskSourceEvent/callRateChanged(callsPerMinute:)``) when it
    /// changed, at most once a second.
    mutating func record(count: Int, now: Date) -> TaskSourceEvent? {
        let start = self.start ?? (now, count)
        self.start = start
        samples.append((now, count))
        samples.removeAll { now.timeIntervalSince($0.time) > Self.window }
        guard now.timeIntervalSince(lastReport) >= 1, let first = samples.first else { return nil }
        let elapsed = now.timeIntervalSince(start.time)
        let reading: TaskSourceEvent
        if elapsed < Self.window {
            reading = .callsCounted(calls: count - start.count, seconds: elapsed.rounded(.down))
        } else {
            let span = max(now.timeIntervalSince(first.time), 1)
            reading = .callRateChanged(callsPerMinute: (Double(count - first.count) / span * 60 * 10).rounded() / 10)
        }
        lastReport = now
        guard reading != reported else { return nil }
        reported = reading
        return reading
    }
}
