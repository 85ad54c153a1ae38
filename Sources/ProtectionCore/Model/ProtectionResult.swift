/// What one request to the endpoint produced, in one typed outcome.
public enum ProtectionResult: Sendable, Equatable {
    /// `{"protection":{…}}`: the request succeeded.
    case protection(TaskProtection)
    /// `{"failure":{…}}` (HTTP 200): ECS reported one failure for the task.
    case failure(ProtectionFailure)
    /// `{"error":{…}}`: the agent or ECS returned an error.
    case error(AgentError)
    /// HTTP 429 from the agent's own rate limiter, with its plain-text body.
    case rateLimited(message: String)
    /// No agent answer: refused, timed out, reset, or a body the agent never sends.
    case transport(TransportProblem)

    /// The code used to report this result when it is not a success.
    public var problemCode: String? {
        switch self {
        case .protection: nil
        case .failure(let failure): failure.reason ?? "Failure"
        case .error(let error): error.code
        case .rateLimited: ProtectionResult.rateLimitedCode
        case .transport(let problem): problem.code
        }
    }

    /// The `Code` of ours for an agent-side 429.
    public static let rateLimitedCode = "TooManyRequests"

    /// Whether polling should back off after this result: throttling, rate limits, 5xx-like
    /// errors and transport problems. Failures and client errors are answers, not overload.
    public func callsForBackoff(httpStatus: Int?) -> Bool {
        switch self {
        case .protection, .failure: return false
        case .rateLimited, .transport: return true
        case .error(let error):
            if error.code == "ThrottlingException" || error.code == "RequestCanceled" { return true }
            if let status = httpStatus, status >= 500 { return true }
            return false
        }
    }
}
