/// A request that produced no answer the agent would send.
public enum TransportProblem: Sendable, Equatable {
    /// Nothing listens at the endpoint (the agent is down or the port is wrong).
    case connectionRefused
    /// The whole request (head and body) did not finish within the deadline.
    case timeout
    /// The connection was closed or reset before a full response arrived.
    case connectionReset
    /// The host name could not be resolved.
    case dnsFailure(String)
    /// A response came back but it is not something the agent sends (bad JSON, wrong types, too large).
    case unexpectedResponse(String)
    /// Any other I/O problem, with the underlying description.
    case other(String)

    /// The `Code` of ours reported in `--json` and on the dashboard.
    public var code: String {
        switch self {
        case .connectionRefused: "ConnectionRefused"
        case .timeout: "Timeout"
        case .connectionReset: "ConnectionReset"
        case .dnsFailure: "DNSFailure"
        case .unexpectedResponse: "UnexpectedResponse"
        case .other: "TransportError"
        }
    }

    /// A one-line explanation for the operator.
    public var message: String {
        switch self {
        case .connectionRefused: "connection refused: nothing is listening there (agent or ECS API down, or a wrong port?)"
        case .timeout: "no complete response before the deadline"
        case .connectionReset: "connection closed before a complete response"
        case .dnsFailure(let detail): "host name could not be resolved: \(detail)"
        case .unexpectedResponse(let detail): detail
        case .other(let detail): detail
        }
    }

    /// This problem as an error object of ours, shaped like the agent's.
    public var asAgentError: AgentError { AgentError(code: code, message: message) }
}
