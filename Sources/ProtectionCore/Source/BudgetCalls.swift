import FoundationEssentials

/// The calls one call budget (an account and region, where ECS throttles) has sent: what a fleet
/// of clusters reports per budget, so each budget's use is shown against its own limit.
public struct BudgetCalls: Sendable, Equatable {
    /// The budget's name as the dashboard shows it (`us-east-1`, or `123456789012 us-east-1`).
    public var budget: String
    /// Calls per minute over the last minute, once every cluster on the budget has a minute of calls.
    public var perMinute: Double?
    /// Before that: the calls sent so far, over how many seconds.
    public var calls: Int
    public var seconds: TimeInterval

    /// Creates a figure.
    public init(budget: String, perMinute: Double?, calls: Int, seconds: TimeInterval) {
        self.budget = budget
        self.perMinute = perMinute
        self.calls = calls
        self.seconds = seconds
    }
}
