import FoundationEssentials

/// A request the scheduler decided to send; hand it back to
/// ``PollScheduler/didFinish(_:response:now:)`` with the response.
public struct ScheduledRequest: Sendable, Equatable, Hashable {
    /// The target it is for.
    public let target: TargetID
    /// GET or PUT.
    public let request: ProtectionRequest
    /// Unique per request, increasing in the order requests were issued.
    public let ticket: UInt64
    /// When the scheduler issued it.
    public let issuedAt: Date
}
