/// One task's scale-in protection endpoint, as the operator named it.
///
/// Each ECS_AGENT_URI belongs to exactly one task, so a dashboard for several tasks holds one
/// `Endpoint` per task.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// The label the operator gave (`name=URI`), if any.
    public let label: String?
    /// The `ECS_AGENT_URI` part, without `/task-protection/v1/state` and without a trailing slash.
    public let agentURI: String
    /// Scheme of `agentURI`, lower-cased: `http` or `https`.
    public let scheme: String
    /// Host of `agentURI`, without brackets for IPv6 literals.
    public let host: String
    /// Port of `agentURI` (the scheme's default when absent).
    public let port: Int

    /// The full `…/task-protection/v1/state` URL that GET and PUT are sent to.
    public var stateURL: String { agentURI + Endpoint.statePath }

    /// The last path component of `agentURI`: the agent's endpoint id for this task.
    public var endpointID: String {
        agentURI.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? agentURI
    }

    /// The label when there is one, else a short form of the endpoint id.
    public var displayName: String {
        if let label { return label }
        let id = endpointID
        return id.count > 12 ? String(id.prefix(12)) : id
    }

    public var description: String { label.map { "\($0)=\(agentURI)" } ?? agentURI }

    /// The path the agent serves below `ECS_AGENT_URI`.
    public static let statePath = "/task-protection/v1/state"

    /// Creates an endpoint from already-validated parts; use ``EndpointParser`` for user input.
    public init(label: String?, agentURI: String, scheme: String, host: String, port: Int) {
        self.label = label
        self.agentURI = agentURI
        self.scheme = scheme
        self.host = host
        self.port = port
    }
}
