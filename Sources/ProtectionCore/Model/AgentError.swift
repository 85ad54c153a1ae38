/// The agent's `error` object plus the top-level `requestID`, or an error of ours for problems
/// that never reached the agent (see ``TransportProblem/asAgentError``).
public struct AgentError: Sendable, Equatable {
    /// `Code`, e.g. `ThrottlingException`, `RequestCanceled`, `AccessDeniedException`.
    public var code: String
    /// `Message`.
    public var message: String
    /// `Arn`; the agent omits it when it does not know the task.
    public var arn: String?
    /// The top-level `requestID` of the ECS call that failed, when the agent relayed one.
    public var requestID: String?

    public init(code: String, message: String, arn: String? = nil, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.arn = arn
        self.requestID = requestID
    }
}
