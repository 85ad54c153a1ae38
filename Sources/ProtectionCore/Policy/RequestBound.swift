import FoundationEssentials

/// What a protect of ours says of the protection it set: sent at t for N minutes, it ends no later
/// than t + N. It bounds every later answer carrying the same `ExpirationDate` (``ExpiryEstimate``),
/// and says nothing once the expiry changed (someone else set it since).
public struct RequestBound: Sendable, Equatable {
    /// The `ExpirationDate` the protect's answer carried.
    public var expiration: Date
    /// Sent-at plus the minutes asked.
    public var end: Date

    /// The bound of a protect sent at `sentAt` for `minutes`, answered with `expiration`.
    public init(expiration: Date, sentAt: Date, minutes: Int) {
        self.expiration = expiration
        end = sentAt.addingTimeInterval(TimeInterval(minutes) * 60)
    }

    /// The end this bound sets for an answer carrying `expiration`, or nil when it is not the
    /// protection the request set.
    public func end(for expiration: Date?) -> Date? {
        expiration == self.expiration ? end : nil
    }
}
