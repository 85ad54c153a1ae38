import FoundationEssentials

/// Estimates the agent's clock minus the local clock from `Date` headers, and turns the estimate
/// into the ``ClockOffset`` countdowns use.
///
/// A `Date` header is truncated to the second, and the agent wrote it somewhere between sending
/// (`sentAt`) and receipt (`receivedAt`) by the local clock. So one response proves only that the
/// offset lies in `[header - receivedAt, header + 1 - sentAt]`, an interval one second plus one
/// round trip wide. Responses at different sub-second phases narrow it: the estimate is the middle
/// of the range that most recent intervals agree on (Marzullo's algorithm, as NTP uses), which a
/// single hostile header or an agent with a wrong clock cannot move. Only responses with a short
/// round trip count (a 504 after 5 s proves almost nothing). The offset in use is kept while that
/// range contains it (so two synchronised clocks keep a zero offset), else it moves to the middle
/// of the range; it reaches countdowns as a bounded slew, never as a step back. An estimate beyond
/// ``plausibleLimit`` is reported but not applied.
public struct ClockOffsetEstimator: Sendable {
    /// An interval the offset is known to lie in, from one response.
    struct Bounds: Sendable, Equatable {
        var lower: TimeInterval
        var upper: TimeInterval
    }

    /// Where an interval starts (`change` 1) or ends (-1).
    struct Edge: Comparable {
        var at: TimeInterval
        var change: Int

        /// Starts sort before ends at the same point, so intervals that touch count as agreeing.
        static func < (left: Edge, right: Edge) -> Bool {
            left.at != right.at ? left.at < right.at : left.change > right.change
        }
    }

    /// How many recent samples are kept.
    public let windowSize: Int
    /// Responses with a longer round trip are not used.
    public let maximumRoundTrip: TimeInterval
    /// Estimates further from zero than this are not applied (an agent clock a day off is broken
    /// or hostile, and applying it would move every countdown by as much).
    public let plausibleLimit: TimeInterval
    /// Estimate moves smaller than this are not worth a report.
    public let reportThreshold: TimeInterval
    /// Moves larger than this are a real clock change and are applied at once instead of slewed.
    public let stepThreshold: TimeInterval
    /// The current estimate in seconds (positive: the agent is ahead), nil before the first usable
    /// sample. It may be implausible; ``offset`` says what is applied.
    public private(set) var estimate: TimeInterval?
    /// What countdowns should use.
    public private(set) var offset: ClockOffset = .zero

    private var samples: [Bounds] = []
    private var hasApplied = false

    /// Round trips longer than this (1 s) do not count by default.
    public static let defaultMaximumRoundTrip: TimeInterval = 1
    /// Offsets beyond a day are not applied by default.
    public static let defaultPlausibleLimit: TimeInterval = 86_400

    /// An estimator with no samples yet; the defaults suit the agent (see each property).
    public init(windowSize: Int = 15, maximumRoundTrip: TimeInterval = defaultMaximumRoundTrip,
                plausibleLimit: TimeInterval = defaultPlausibleLimit,
                reportThreshold: TimeInterval = 0.05, stepThreshold: TimeInterval = 10) {
        self.windowSize = max(1, windowSize)
        self.maximumRoundTrip = maximumRoundTrip
        self.plausibleLimit = plausibleLimit
        self.reportThreshold = reportThreshold
        self.stepThreshold = stepThreshold
    }

    /// The interval `response` proves the offset to lie in, nil without a `Date` header or with a
    /// round trip longer than `maximumRoundTrip` (or negative: the local clock stepped).
    static func bounds(of response: ProtectionResponse, maximumRoundTrip: TimeInterval) -> Bounds? {
        guard let header = response.serverDate else { return nil }
        let roundTrip = response.receivedAt.timeIntervalSince(response.sentAt)
        guard roundTrip >= 0, roundTrip <= maximumRoundTrip else { return nil }
        let bounds = Bounds(lower: header.timeIntervalSince(response.receivedAt),
                            upper: header.timeIntervalSince(response.sentAt) + 1)
        return bounds.lower.isFinite && bounds.upper.isFinite ? bounds : nil
    }

    /// Adds the sample carried by `response` (received at local time `now`). Returns the new
    /// ``offset`` when it changed enough to report: the first plausible estimate, an estimate that
    /// moved by more than ``reportThreshold``, and an implausible one (rejected, not applied).
    public mutating func add(_ response: ProtectionResponse, now: Date) -> ClockOffset? {
        guard let sample = Self.bounds(of: response, maximumRoundTrip: maximumRoundTrip) else { return nil }
        samples.append(sample)
        if samples.count > windowSize { samples.removeFirst(samples.count - windowSize) }
        let current = Self.agreedRange(samples, near: offset.target)
        let measured = (current.lower + current.upper) / 2
        estimate = measured
        // What to steer toward: the offset in use while the samples agree with it, else the
        // middle of what they agree on. Agent and local clocks are usually both synchronised, so
        // the offset in use (zero to begin with) is a better guess than the middle of a range a
        // second wide, which is off by up to half a second until samples at many sub-second
        // phases have narrowed it; countdowns would step that early or late meanwhile.
        let agrees = current.lower <= offset.target && offset.target <= current.upper
        let chosen = agrees && offset.rejectedMeasurement == nil ? offset.target : measured

        guard measured.magnitude <= plausibleLimit else {
            if offset.rejectedMeasurement.map({ ($0 - measured).magnitude <= reportThreshold }) == true { return nil }
            offset.rejectedMeasurement = measured
            return offset
        }
        let applied = offset.value(at: now)
        if hasApplied, offset.rejectedMeasurement == nil, (chosen - offset.target).magnitude <= reportThreshold {
            return nil
        }
        if !hasApplied || (chosen - applied).magnitude > stepThreshold {
            offset = ClockOffset(fixed: chosen)
        } else {
            offset = ClockOffset(base: applied, target: chosen, since: now)
        }
        hasApplied = true
        return offset
    }

    /// The range covered by the most intervals (ties: the one whose middle is nearest `near`).
    static func agreedRange(_ intervals: [Bounds], near: TimeInterval) -> Bounds {
        guard let first = intervals.first else { return Bounds(lower: near, upper: near) }
        var edges: [Edge] = []
        // Sized once: it is built at every answer.
        edges.reserveCapacity(intervals.count * 2)
        for interval in intervals {
            edges.append(Edge(at: interval.lower, change: 1))
            edges.append(Edge(at: interval.upper, change: -1))
        }
        edges.sort()
        var count = 0
        var bestCount = 0
        var best = first
        for (index, edge) in edges.enumerated() {
            count += edge.change
            guard edge.change > 0, index + 1 < edges.count else { continue }
            let range = Bounds(lower: edge.at, upper: edges[index + 1].at)
            let middle = (range.lower + range.upper) / 2
            let bestMiddle = (best.lower + best.upper) / 2
            if count > bestCount || (count == bestCount && (middle - near).magnitude < (bestMiddle - near).magnitude) {
                bestCount = count
                best = range
            }
        }
        return best
    }
}
