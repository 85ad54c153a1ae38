import Foundation

/// API calls per minute over the last minute, from a running count of calls sent.
struct CallRateMeter: Sendable {
    private var samples: [(time: Date, count: Int)] = []
    private(set) var reported: Double?
    private var lastReport = Date.distantPast

    /// How far back the rate looks.
    static let window: TimeInterval = 60

    /// Records the count at `now`; returns a new rate when it changed, at most once a second.
    mutating func record(count: Int, now: Date) -> Double? {
        samples.append((now, count))
        samples.removeAll { now.timeIntervalSince($0.time) > Self.window }
        guard now.timeIntervalSince(lastReport) >= 1, let first = samples.first else { return nil }
        // Until a minute has passed, the calls so far over the time so far (at least ten seconds,
        // so the first burst of discovery does not read as a rate it will not keep).
        let span = max(now.timeIntervalSince(first.time), 10)
        let rate = (Double(count - first.count) / span * 60 * 10).rounded() / 10
        lastReport = now
        guard rate != reported else { return nil }
        reported = rate
        return rate
    }
}
