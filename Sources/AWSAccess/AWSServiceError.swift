/// An error answer from an AWS JSON-protocol service: `__type`, `message` and `x-amzn-RequestId`.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error name without namespace (`ThrottlingException`, not `com.amazonaws.ecs#ThrottlingException`).
    public var code: String
    /// The service's message, with control characters removed and cut to a sane length.
    public var message: String
    /// `x-amzn-RequestId`, for AWS support.
    public var requestID: String?
    /// The HTTP status.
    public var httpStatus: Int

    /// Creates an error.
    public init(code: String, message: String, requestID: String?, httpStatus: Int) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
    }

    public var description: String {
        "\(code): \(message)" + (requestID.map { " (request id \($0))" } ?? "")
    }

    /// Error names the SDKs treat as throttling.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Error names the SDKs treat as transient.
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]

    /// Whether the SDKs' standard retry mode retries this error.
    public var isThrottling: Bool { Self.throttlingCodes.contains(code) }

    /// Whether this is a transient error (5xx or a transient code).
    public var isTransient: Bool { Self.transientCodes.contains(code) || [500, 502, 503, 504].contains(httpStatus) }
}
