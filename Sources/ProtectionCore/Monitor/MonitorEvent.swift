import FoundationEssentials

/// Identifies a target by its position in the endpoint list the monitor was created with.
public typealias TargetID = Int

/// What the monitor tells its consumer. Delivered in order for each target.
public enum MonitorEvent: Sendable, Equatable {
    /// A request to `target` went on the wire.
    case requestStarted(target: TargetID, request: ProtectionRequest, at: Date)
    /// A request finished. A GET that was sent before a PUT's response arrived is never reported
    /// after that PUT: its result is dropped so it cannot overwrite what the PUT established.
    case responded(target: TargetID, request: ProtectionRequest, response: ProtectionResponse)
    /// The interval each target is actually polled at, after the global request budget stretched it.
    case effectiveIntervalChanged(TimeInterval)
    /// New agent clock minus local clock (positive: the agent is ahead) for countdowns to use. It
    /// slews toward the latest estimate instead of jumping, and carries an estimate that was
    /// measured but is too absurd to apply.
    case clockOffsetChanged(ClockOffset)
}
