import Synchronization

/// What the connections of one pool have let through, for tests that check a limit holds.
final class ExchangeCounts: Sendable {
    /// Informational (1xx) responses accepted before a final one, over all requests.
    let informationalAccepted = Atomic<Int>(0)
}
