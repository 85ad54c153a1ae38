import FoundationEssentials

extension TaskProtection {
    /// How far from now an `ExpirationDate` may lie and still be believed. The agent protects for
    /// at most 2,880 minutes, so anything a year away (year 0001, year 9999) is a skewed or hostile
    /// date: show it as such instead of as a local time or a countdown of centuries.
    public static let plausibleExpirationDistance: TimeInterval = 366 * 86_400

    /// Whether the expiration date is absurd at `now` (the agent's clock): more than
    /// ``plausibleExpirationDistance`` away in either direction. False without a date.
    public func hasImplausibleExpiration(at now: Date) -> Bool {
        guard let expirationDate else { return false }
        let distance = expirationDate.timeIntervalSince(now)
        return !(distance.magnitude <= Self.plausibleExpirationDistance)
    }
}
