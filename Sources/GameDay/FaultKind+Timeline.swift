import AgentSimulator
import ProtectionCore

extension FaultKind {
    /// The code a client sees while this fault is injected (`nil` for `slow`: late, not wrong).
    public var observedCode: String? {
        switch self {
        case .throttled: "ThrottlingException"
        case .ecsTimeout: "RequestCanceled"
        case .noCredentials, .accessDenied: "AccessDeniedException"
        case .taskNotValid: "TASK_NOT_VALID"
        case .serverError: "ServerException"
        case .rateLimited: ProtectionResult.rateLimitedCode
        case .slow: nil
        case .malformed: "UnexpectedResponse"
        }
    }
}
