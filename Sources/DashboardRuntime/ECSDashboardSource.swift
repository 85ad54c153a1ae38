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

    public init(client: ECSClient, transport: AsyncHTTPTransport, selection: ECSTaskSelection, configuration: ECSMonitorConfiguration) {
        self.client = client
        self.transport = transport
        self.selection = selection
        self.configuration = configuration
    }
}
