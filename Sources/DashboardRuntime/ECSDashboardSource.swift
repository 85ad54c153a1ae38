import AWSAccess
import ProtectionCore

/// The ECS API side of a dashboard: the client, what to watch and how often.
public struct ECSDashboardSource: Sendable {
    /// The client (credentials, region and endpoint resolved).
    public let client: ECSClient
    /// The transport under the client, shut down when the dashboard ends.
    public let transport: AsyncHTTPTransport
    /// The tasks to watch.
    public let selection: ECSTaskSelection
    /// Polling, budget and discovery.
    public let configuration: ECSMonitorConfiguration
    /// What the dashboard calls this cluster among several (`us-east-1/web`), and the call budget
    /// it draws on (`profile prod us-east-1`).
    public var name: String
    public var budget: String

    public init(client: ECSClient, transport: AsyncHTTPTransport, selection: ECSTaskSelection, configuration: ECSMonitorConfiguration,
                name: String? = nil, budget: String = "") {
        self.client = client
        self.transport = transport
        self.selection = selection
        self.configuration = configuration
        self.name = name ?? selection.cluster
        self.budget = budget
    }
}
