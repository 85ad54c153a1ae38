import FoundationEssentials

/// The global request budget: at most ``burst`` requests in any ``window`` of time, whatever
/// target they are for. The burst is the whole part of one second's worth of the rate (at least
/// one request, at most ``burstCeiling``) and the window a second (longer when the rate is below
/// one a second), so no second ever carries more than the rate while the requests of one round
/// may leave together: ten targets polled every two seconds at ten requests a second cost one
/// wake-up per round, not ten.
struct RequestPacer: Sendable {
    /// Most requests in any ``window``.
    let burst: Int
    /// The span the burst is counted over: one second, or `burst / maxRequestsPerSecond` seconds
    /// when that is longer (a rate below one a second) or the burst is at ``burstCeiling``.
    let window: TimeInterval
    /// When the last ``burst`` requests left, oldest at `oldest` once the ring is full.
    private var recent: [Date] = []
    private var oldest = 0

    /// A burst above this is counted over a window shorter than a second; it bounds the memory
    /// the budget keeps whatever the configured rate.
    static let burstCeiling = 1_000

    init(maxRequestsPerSecond: Double) {
        let whole = maxRequestsPerSecond.rounded(.down)
        burst = whole >= Double(Self.burstCeiling) ? Self.burstCeiling : max(1, Int(whole))
        // A whole second whenever the rate allows a request in one: a fractional rate (10.5)
        // keeps its whole part in any second rather than fit 20 requests into one.
        let earned = Double(burst) / maxRequestsPerSecond
        window = burst < Self.burstCeiling ? max(1, earned) : earned
        recent.reserveCapacity(burst)
    }

    /// The earliest time the next request may leave.
    var nextSlot: Date {
        recent.count < burst ? .distantPast : recent[oldest].addingTimeInterval(window)
    }

    func allows(at now: Date) -> Bool { now >= nextSlot }

    /// Spends one request at `now`, a GET that waited for its slot or a PUT that did not: either
    /// way the GETs after it wait. Slots nobody used are not saved up (the window only looks back),
    /// and as only the last ``burst`` requests are remembered, a burst of PUTs across many tasks
    /// delays polling by one window at most instead of stopping it.
    mutating func consume(at now: Date) {
        if recent.count < burst {
            recent.append(now)
        } else {
            recent[oldest] = now
            oldest = (oldest + 1) % burst
        }
    }
}
