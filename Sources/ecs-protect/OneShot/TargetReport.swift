import ProtectionCore

/// One target's line in the output of `get`, `protect` and `unprotect`.
struct TargetReport {
    let endpoint: Endpoint
    let response: ProtectionResponse

    /// How this target counts towards the exit status.
    var outcome: TargetOutcome {
        switch response.result {
        case .protection: .succeeded
        case .failure, .error, .rateLimited: .answeredWithProblem
        case .transport: .unreachable
        }
    }

    /// The `--json` object: `endpoint`, `label`, `httpStatus`, `expiresInSeconds` (when protected),
    /// then exactly one of `protection` / `failure` / `error` with the agent's own field names.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("endpoint", .string(endpoint.agentURI)),
            ("label", .optional(endpoint.label)),
            ("httpStatus", response.httpStatus.map(JSONValue.int) ?? .null),
        ]
        if let remaining = response.secondsRemainingAtReceipt {
            members.append(("expiresInSeconds", .int(Int(remaining.rounded(.down)))))
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

    private static func errorObject(_ error: AgentError) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let arn = error.arn { members.append(("Arn", .string(arn))) }
        members.append(("Code", .string(error.code)))
        members.append(("Message", .string(error.message)))
        return .object(members)
    }
}

/// How one target's result counts towards the command's exit status.
enum TargetOutcome: Comparable {
    case succeeded
    case answeredWithProblem
    case unreachable
}
