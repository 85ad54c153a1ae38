import FoundationEssentials

/// The global request budget: requests leave at most one per `1 / maxRequestsPerSecond` seconds,
/// whatever target they are for, so no burst of any size ever exceeds the budget.
struct RequestPacer: Sendable {
    /// Minimum time between two requests, across all targets.
    let spacing: TimeInterval
    /// The earliest time the next request may leave.
    private(set) var nextSlot: Date

    init(maxRequestsPerSecond: Double, start: Date) {
        spacing = 1 / maxRequestsPerSecond
        nextSlot = start
    }

    func allows(at now: Date) -> Bool { now >= nextSlot }

    /// Spends one slot. A slot missed because nobody was due is not saved up for later.
    mutating func consume(at now: Date) {
        nextSlot = max(nextSlot, now).addingTimeInterval(spacing)
    }

    /// Charges a request that did not wait for its slot (a PUT): the slots after `now` pay for it,
    /// but never more than ``maximumDebt`` ahead, so a burst of PUTs across many tasks delays
    /// polling by a second at most instead of stopping it.
    mutating func charge(at now: Date) {
        nextSlot = min(max(nextSlot, now).addingTimeInterval(spacing), now.addingTimeInterval(maximumDebt))
    }

    /// How far ahead PUTs may spend the slots of later GETs: one second of budget (at least one slot).
    var maximumDebt: TimeInterval { max(1, spacing) }

    mutating func restart(at now: Date) { nextSlot = now }
}
