import Foundation

/// The header's tally, by the last answers (a PUT in flight does not count until confirmed).
public struct TaskCounts: Sendable, Equatable {
    /// Protected, expiring soon included.
    public var protected = 0
    /// Unprotected or lapsed.
    public var unprotected = 0
    /// With a failure or error from the last request.
    public var failing = 0

    public init(protected: Int = 0, unprotected: Int = 0, failing: Int = 0) {
        self.protected = protected
        self.unprotected = unprotected
        self.failing = failing
    }
}
