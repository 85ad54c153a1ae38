import Foundation

/// Estimates the agent's clock minus the local clock from `Date` headers.
///
/// Each response gives one sample: the `Date` header plus 0.5 s (the header is truncated to the
/// second, so the true time of the response lies anywhere in the following second) minus the
/// midpoint of sentAt and receivedAt (when the agent most likely wrote the header). The estimate is
/// the median of the most recent samples, which shrugs off a slow response or a single agent with
/// a wrong clock, and averages out the truncation as samples fall at different sub-second phases.
public struct ClockOffsetEstimator: Sendable {
    /// How many recent samples the median is taken over.
    public let windowSize: Int
    /// How far the estimate must move from the last reported value before it is reported again.
    public let reportThreshold: TimeInterval
    /// The current estimate in seconds (positive: the agent is ahead), nil before the first sample.
    public private(set) var estimate: TimeInterval?

    private var samples: [TimeInterval] = []
    private var reported: TimeInterval?

    public init(windowSize: Int = 15, reportThreshold: TimeInterval = 0.25) {
        self.windowSize = max(1, windowSize)
        self.reportThreshold = reportThreshold
    }

    /// Adds the sample carried by `response`, if it has a `Date` header. Returns the new estimate
    /// when it should be reported: the first one, and then whenever it moved by more than
    /// ``reportThreshold`` since the last report.
    public mutating func add(_ response: ProtectionResponse) -> TimeInterval? {
        guard let sample = response.clockOffsetSample, sample.isFinite else { return nil }
        samples.append(sample)
        if samples.count > windowSize { samples.removeFirst(samples.count - windowSize) }
        let current = ClockOffsetEstimator.median(samples)
        estimate = current
        if let reported, abs(current - reported) <= reportThreshold { return nil }
        reported = current
        return current
    }

    static func median(_ values: [TimeInterval]) -> TimeInterval {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }
}
