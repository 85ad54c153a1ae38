/// A short "what to do" for the failures and errors operators meet, in one place for the
/// dashboard's detail pane and the one-shot commands' table.
public enum ProblemHint {
    /// Who made the call that failed, which decides whose IAM policy a hint points at.
    public enum Caller: Sendable, Equatable {
        /// The ECS agent, on the task's behalf (the task role's policy).
        case agent
        /// ecs-protect itself, with the operator's credentials.
        case operatorCredentials
    }

    /// The code of an error whose message is the whole story: an IAM Identity Center sign-in that
    /// is missing or expired, whose message names the command that renews it. No hint is added.
    public static let signInRequiredCode = "SignInRequired"

    /// The ECS operation a request maps to (the IAM action is `ecs:` followed by it).
    public static func operation(for request: ProtectionRequest) -> String {
        switch request {
        case .get: "GetTaskProtection"
        case .put: "UpdateTaskProtection"
        }
    }

    /// The hint for `result`, nil when it is a success or nothing useful can be said. `oneShot`:
    /// for a command that sends once and exits, which has no polling to back off.
    public static func hint(for result: ProtectionResult, request: ProtectionRequest, caller: Caller,
                            oneShot: Bool = false) -> String? {
        guard let code = result.problemCode else { return nil }
        return hint(code: code, operation: operation(for: request), caller: caller, oneShot: oneShot)
    }

    /// The hint for a failure reason or error code met while calling `operation` (e.g. `ListTasks`).
    public static func hint(code: String, operation: String?, caller: Caller, oneShot: Bool = false) -> String? {
        let action = operation.map { "ecs:\($0)" } ?? "the ECS action"
        let whose = caller == .agent ? "the task role's IAM policy" : "the IAM policy of your credentials"
        switch code {
        case "TASK_NOT_VALID":
            return "not part of a service: scale-in protection only applies to tasks a service started"
        case "DEPLOYMENT_BLOCKED":
            return "more protected tasks than the service's desired count: wait for protections to expire, "
                + "unprotect tasks that may stop, or raise the desired count"
        case "MISSING":
            return "ECS does not know this task here: it stopped, or belongs to another cluster, region or account"
        case "AccessDeniedException", "AccessDenied":
            return "allow \(action) in \(whose)"
        case "ExpiredTokenException", "ExpiredToken", "RequestExpired":
            return "the credentials expired: refresh them (e.g. `aws sso login` or a new session); "
                + "a profile with a role or credential_process refreshes by itself"
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch":
            return "the credentials were refused: check the access key, secret, session token, region and this machine's clock"
        case "CredentialsError":
            return "no usable credentials: set AWS_PROFILE or the AWS_* variables, or run `aws configure`"
        case "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
             ProtectionResult.rateLimitedCode:
            return oneShot
                ? "calls are being throttled: wait a little and run the command again, or name fewer tasks at once"
                : "calls are being throttled: polling backs off; a longer --interval or lower --max-rps stretches the budget"
        case "ClusterNotFoundException":
            return "no such cluster in this account and region: check --cluster and --region"
        case "ServiceNotFoundException":
            return "no such service in this cluster: check --service"
        case "ServerException", "RequestCanceled", "Timeout":
            return oneShot
                ? "ECS did not answer properly: run the command again"
                : "ECS did not answer properly: polling backs off and tries again"
        case "ConnectionRefused", "DNSFailure":
            return caller == .agent
                ? "the agent endpoint is not reachable: check ECS_AGENT_URI (it only works inside the task)"
                : "the ECS endpoint is not reachable: check the network, AWS_ENDPOINT_URL_ECS and --region"
        default:
            return nil
        }
    }
}
