import FoundationEssentials

/// How far the operator's clock is ahead of UTC at each instant: one fixed offset, or the offsets
/// of a time zone with daylight-saving changes, found once by whoever can read the zone (the
/// runtime asks the C library). The dashboard turns instants into clock times with it and never
/// reads a time-zone database itself.
public struct LocalTimeOffsets: Sendable, Equatable {
    /// From `start` on (until the next span's start), clocks read `seconds` ahead of UTC.
    public struct Span: Sendable, Equatable {
        public var start: Date
        public var seconds: Int

        public init(start: Date, seconds: Int) {
            self.start = start
            self.seconds = seconds
        }
    }

    /// The spans in time order, never empty. The first one's offset also holds before its start,
    /// the last one's ever after.
    public let spans: [Span]

    /// UTC: no offset at any instant.
    public static let utc = LocalTimeOffsets(fixedSeconds: 0)

    /// The same offset at every instant.
    public init(fixedSeconds seconds: Int) {
        spans = [Span(start: Date(timeIntervalSince1970: 0), seconds: seconds)]
    }

    /// `spans` in time order; spans that change nothing are dropped, and none at all means UTC.
    public init(spans: [Span]) {
        var kept: [Span] = []
        for span in spans.sorted(by: { $0.start < $1.start }) where span.seconds != kept.last?.seconds {
            kept.append(span)
        }
        self.spans = kept.isEmpty ? [Span(start: Date(timeIntervalSince1970: 0), seconds: 0)] : kept
    }

    /// The offsets `offset(at:)` gives from `start` through `end`, found by asking once a day and,
    /// where two answers differ, bisecting to the second the offset changed (zones change their
    /// offset at most a few times a year, never twice in a day).
    public init(sampling offset: (Date) -> Int, from start: Date, through end: Date) {
        let first = start.timeIntervalSince1970.rounded(.down)
        let last = max(first, end.timeIntervalSince1970.rounded(.up))
        var spans = [Span(start: Date(timeIntervalSince1970: first), seconds: offset(Date(timeIntervalSince1970: first)))]
        var earlier = first
        while earlier < last {
            let later = min(last, earlier + Self.samplingStep)
            let seconds = offset(Date(timeIntervalSince1970: later))
            if seconds != spans[spans.count - 1].seconds {
                // The offset at `low` is the old one, at `high` the new one.
                var low = earlier
                var high = later
                while high - low > 1 {
                    let middle = (low + (high - low) / 2).rounded(.down)
                    if offset(Date(timeIntervalSince1970: middle)) == seconds { high = middle } else { low = middle }
                }
                spans.append(Span(start: Date(timeIntervalSince1970: high), seconds: seconds))
            }
            earlier = later
        }
        self.init(spans: spans)
    }

    /// Seconds the clock reads ahead of UTC at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        // The last span starting at or before `date` (binary search: frames ask for every row).
        var low = 0
        var high = spans.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if spans[middle].start <= date { low = middle } else { high = middle }
        }
        return spans[low].seconds
    }

    /// The instant at which the clock reads `localSeconds` (seconds since 1970 on the local clock):
    /// in an hour that repeats, the first; in an hour skipped forward, the instant that clock time
    /// would have been under the offset before the change (as a calendar moves it).
    public func instant(atLocal localSeconds: Double) -> Date {
        let nearby = [-86_400.0, 0, 86_400].map { secondsFromGMT(for: Date(timeIntervalSince1970: localSeconds + $0)) }
        let matching = nearby.map { localSeconds - Double($0) }.filter { candidate in
            candidate + Double(secondsFromGMT(for: Date(timeIntervalSince1970: candidate))) == localSeconds
        }
        return Date(timeIntervalSince1970: matching.min() ?? localSeconds - Double(nearby[0]))
    }

    private static let samplingStep: Double = 86_400
}
