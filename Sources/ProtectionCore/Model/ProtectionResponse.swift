import FoundationEssentials

/// One request's outcome with what the HTTP layer saw around it.
public struct ProtectionResponse: Sendable, Equatable {
    /// The decoded outcome.
    public var result: ProtectionResult
    /// The HTTP status, or nil when nothing came back.
    public var httpStatus: Int?
    /// The server's `Date` header (second precision), when present and well-formed.
    public var serverDate: Date?
    /// When the request was sent, by the local clock.
    public var sentAt: Date
    /// When the response (or the problem) arrived, by the local clock.
    public var receivedAt: Date

    public init(result: ProtectionResult, httpStatus: Int?, serverDate: Date?, sentAt: Date, receivedAt: Date) {
        self.result = result
        self.httpStatus = httpStatus
        self.serverDate = serverDate
        self.sentAt = sentAt
        self.receivedAt = receivedAt
    }
}

extension ProtectionResponse {
    /// One estimate of agent clock minus local clock, from the `Date` header. The header is
    /// truncated to the second, so half a second is added to centre the error, and it is compared
    /// with the midpoint of the request, when the agent most likely stamped it.
    public var clockOffsetSample: TimeInterval? {
        guard let serverDate else { return nil }
        let midpoint = sentAt.addingTimeInterval(receivedAt.timeIntervalSince(sentAt) / 2)
        return serverDate.timeIntervalSince(midpoint) + 0.5
    }

    /// ``clockOffsetSample`` when it can be believed: the round trip was short (a slow answer's
    /// header says little about when it was written) and the offset is not absurd (one hostile
    /// header must not move a countdown by decades). Limits as ``ClockOffsetEstimator``'s defaults.
    public var plausibleClockOffsetSample: TimeInterval? {
        guard let sample = clockOffsetSample,
              ClockOffsetEstimator.bounds(of: self, maximumRoundTrip: ClockOffsetEstimator.defaultMaximumRoundTrip) != nil,
              sample.magnitude <= ClockOffsetEstimator.defaultPlausibleLimit else { return nil }
        return sample
    }

    /// Seconds of protection left when the response arrived, by the agent's clock when its `Date`
    /// header is believable (``plausibleClockOffsetSample``), else by the local clock; nil unless
    /// protected with an expiration date.
    public var secondsRemainingAtReceipt: TimeInterval? {
        guard case .protection(let protection) = result, protection.enabled, let expiration = protection.expirationDate else {
            return nil
        }
        let agentNow = receivedAt.addingTimeInterval(plausibleClockOffsetSample ?? 0)
        return max(0, expiration.timeIntervalSince(agentNow))
    }
}
