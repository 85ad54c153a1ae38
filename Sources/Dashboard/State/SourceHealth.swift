import FoundationEssentials
import ProtectionCore

/// A source of answers that is failing as a whole: an agent host that does not answer or rate
/// limits, or the ECS API refusing or failing calls. Its tasks' last answers are stale all at once;
/// the fault belongs to the source, not to each task it serves.
public struct SourceHealth: Sendable, Equatable {
    /// Which source: "agent HOST:PORT" or "ECS API".
    public var name: String
    /// Our code or the error's (`ConnectionRefused`, `ThrottlingException`, `AgentRateLimited`…).
    public var code: String
    /// The message that came with it.
    public var message: String
    /// When the source first failed in this outage, by the local clock.
    public var since: Date

    public init(name: String, code: String, message: String, since: Date) {
        self.name = name
        self.code = code
        self.message = message
        self.since = since
    }

    /// Whether `result` means the task's source gave no usable answer for it, rather than the task
    /// having a problem of its own: nothing came back from an agent (refused, timed out, reset,
    /// unresolvable), or any ECS API call error (per-task failures such as MISSING stay the task's).
    /// The row keeps its last answer and shows STALE; its PROBLEM column is for its own problems.
    public static func isSourceFault(_ result: ProtectionResult, fromECSAPI: Bool) -> Bool {
        switch result {
        case .transport(let problem): fromECSAPI || problem.meansNoAnswer
        case .rateLimited, .error: fromECSAPI
        case .protection, .failure: false
        }
    }

    /// Whether `result` says the whole source is down, so every task it serves is stale at once:
    /// nothing listens at the agent's address or its name does not resolve, or an ECS API call failed.
    public static func isSourceWide(_ result: ProtectionResult, fromECSAPI: Bool) -> Bool {
        switch result {
        case .transport(.connectionRefused), .transport(.dnsFailure): true
        case .transport, .rateLimited, .error: fromECSAPI
        case .protection, .failure: false
        }
    }
}

extension TransportProblem {
    /// Nothing came back: the endpoint could not be reached or did not finish an answer (as
    /// opposed to an answer that came back malformed).
    var meansNoAnswer: Bool {
        switch self {
        case .connectionRefused, .timeout, .connectionReset, .dnsFailure: true
        case .unexpectedResponse, .other: false
        }
    }
}
