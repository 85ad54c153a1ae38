import NIOCore

extension Duration {
    /// Whole nanoseconds, saturating at the extremes.
    var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).overflow
            ? .max : scaled + attoseconds / 1_000_000_000
    }

    /// The same span as a NIO `TimeAmount` (negative spans count as zero).
    var timeAmount: TimeAmount {
        .nanoseconds(Swift.max(0, totalNanoseconds))
    }
}
