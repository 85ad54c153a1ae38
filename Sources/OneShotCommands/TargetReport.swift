import ProtectionCore

/// One target's line in the output of `get`, `protect` and `unprotect`.
public struct TargetReport {
    /// Where the target was reached.
    public enum Origin {
        /// Through its agent endpoint.
        case agent(Endpoint)
        /// Through the ECS API: the cluster, the task's name in calls (ARN or id) and its label.
        case ecs(cluster: String, task: String, label: String)
    }

    public let origin: Origin
    public let request: ProtectionRequest
    public let response: ProtectionResponse

    public init(origin: Origin, request: ProtectionRequest, response: ProtectionResponse) {
        self.origin = origin
        self.request = request
        self.response = response
    }

    /// The first column of the table.
    public var targetName: String {
        switch origin {
        case .agent(let endpoint): endpoint.label ?? endpoint.agentURI
        case .ecs(_, _, let label): label
        }
    }

    /// What to do about this target's failure or error, if anything useful can be said.
    public var hint: String? {
        let caller: ProblemHint.Caller
        if case .agent = origin { caller = .agent } else { caller = .operatorCredentials }
        return ProblemHint.hint(for: response.result, request: request, caller: caller, oneShot: true)
    }

    /// The task's ARN: the one the answer names, else the one asked for.
    public var taskArn: String? {
        let answered: String? = switch response.result {
        case .protection(let protection): protection.taskArn
        case .failure(let failure): failure.arn
        case .error(let error): error.arn
        case .rateLimited, .transport: nil
        }
        if let answered, answered.hasPrefix("arn:") { return answered }
        if case .ecs(_, let task, _) = origin, task.hasPrefix("arn:") { return task }
        return nil
    }

    /// For `protect`, why the answer does not confirm protection; for `unprotect`, why it still
    /// shows protection; nil when it shows the change made, for `get`, and for answers that are
    /// not protection answers (counted as problems).
    public var shortfall: String? {
        guard case .put(let change) = request else { return nil }
        return response.shortfall(for: change)
    }

    /// How this target counts towards the exit status.
    public var outcome: TargetOutcome {
        switch response.result {
        case .protection: shortfall == nil ? .succeeded : .notAsRequested
        case .failure, .error, .rateLimited: .answeredWithProblem
        case .transport: .unreachable
        }
    }

    /// The `--json` object: `source`, where the task was reached (`endpoint` or `cluster`),
    /// `label`, `taskArn`, `httpStatus`, `expiresInSeconds` (when protected), then exactly one of
    /// `protection` / `failure` / `error` with the agent's own field names.
    public var json: JSONOutput {
        var members: [(String, JSONOutput)]
        switch origin {
        case .agent(let endpoint):
            members = [("source", .string("agent")), ("endpoint", .string(endpoint.agentURI)), ("label", .optional(endpoint.label))]
        case .ecs(let cluster, _, let label):
            members = [("source", .string("ecs")), ("cluster", .string(cluster)), ("label", .string(label))]
        }
        members.append(("taskArn", .optional(taskArn)))
        members.append(("httpStatus", response.httpStatus.map(JSONOutput.int) ?? .null))
        if let remaining = response.secondsRemainingAtReceipt {
            members.append(("expiresInSeconds", .int(Int(remaining.rounded(.down)))))
        }
        if let shortfall, case .put(let change) = request {
            members.append((change.enabled ? "notProtected" : "stillProtected", .string(shortfall)))
        }
        switch response.result {
        case .protection(let protection):
            members.append(("protection", .object([
                ("ExpirationDate", .optional(protection.expirationDateText)),
                ("ProtectionEnabled", .bool(protection.enabled)),
                ("TaskArn", .string(protection.taskArn)),
            ])))
        case .failure(let failure):
            members.append(("failure", .object([
                ("Arn", .optional(failure.arn)),
                ("Detail", .optional(failure.detail)),
                ("Reason", .optional(failure.reason)),
            ])))
        case .error(let error):
            if let requestID = error.requestID { members.append(("requestID", .string(requestID))) }
            members.append(("error", Self.errorObject(error)))
        case .rateLimited(let message):
            members.append(("error", Self.errorObject(AgentError(code: ProtectionResult.rateLimitedCode, message: message))))
        case .transport(let problem):
            members.append(("error", Self.errorObject(problem.asAgentError)))
        }
        return .object(members)
    }

    private static func errorObject(_ error: AgentError) -> JSONOutput {
        var members: [(String, JSONOutput)] = []
        if let arn = error.arn { members.append(("Arn", .string(arn))) }
        members.append(("Code", .string(error.code)))
        members.append(("Message", .string(error.message)))
        return .object(members)
    }
}

/// How one target's result counts towards the command's exit status.
public enum TargetOutcome: Comparable {
    case succeeded
    /// Answered with its protection, but not as asked: `protect` left it unprotected or expired,
    /// `unprotect` left it protected.
    case notAsRequested
    case answeredWithProblem
    case unreachable
}
