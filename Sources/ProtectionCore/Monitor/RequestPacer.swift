import Foundation

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

    mutating func restart(at now: Date) { nextSlot = now }
}
