import FoundationEssentials
import SafeText

/// A failure the simulator can inject for one task, mimicking what the ECS agent relays.
public enum FaultKind: String, Sendable, CaseIterable {
    /// ECS throttled the call: a relayed 400 ThrottlingException with a `requestID`, after a relay delay.
    case throttled
    /// The agent's call to ECS timed out: 504 RequestCanceled after the ECS call timeout.
    case ecsTimeout = "ecs-timeout"
    /// The task has no IAM role credentials: 403 AccessDeniedException from the agent itself.
    case noCredentials = "no-credentials"
    /// The task role may not call the API: a relayed 400 AccessDeniedException with a `requestID`.
    case accessDenied = "access-denied"
    /// ECS returned one failure: 200 with `{"failure":{…,"Reason":"TASK_NOT_VALID"}}`.
    case taskNotValid = "task-not-valid"
    /// ECS failed internally: a relayed 500 ServerException with a `requestID`, after a relay delay.
    case serverError = "server-error"
    /// The agent's own rate limiter refuses every request: 429 plain text.
    case rateLimited = "rate-limited"
    /// Answers normally, but only after the configured extra latency.
    case slow
    /// Answers 200 `application/json` with a truncated, invalid body.
    case malformed

    /// Parses a fault kind from its command-line spelling (`throttled`, `ecs-timeout`, …).
    ///
    /// Case and surrounding spaces are ignored; underscores count as hyphens.
    /// - Throws: ``FaultParseError/unknownKind(_:)`` listing the valid kinds.
    public init(argument: String) throws(FaultParseError) {
        let normalized = argument.trimmingHorizontalWhitespace().lowercased().replacingEvery("_", with: "-")
        guard let kind = FaultKind(rawValue: normalized) else {
            throw .unknownKind(argument)
        }
        self = kind
    }

    /// All valid spellings, comma separated, for error and help messages.
    public static var validKindsList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
