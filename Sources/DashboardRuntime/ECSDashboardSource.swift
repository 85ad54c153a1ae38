import AgentSimulator
import AWSAccess
import AWSSigning
import ProtectionCore

/// The ECS API side of a dashboard: the client, what to watch and how often.
public struct ECSDashboardSource: Sendable {
    /// The client (credentials, region and endpoint resolved).
    public let client: ECSClient
    /// The transport under the client, shut down when the dashboard ends.
    public let transport: PooledHTTPTransport
    /// The tasks to watch.
    public let selection: ECSTaskSelection
    /// Polling, budget and discovery.
    public let configuration: ECSMonitorConfiguration
    /// What the dashboard calls this cluster among several (`us-east-1/web`), and the call budget
    /// it draws on (`profile prod us-east-1`).
    public var name: String
    public var budget: String

    public init(client: ECSClient, transport: PooledHTTPTransport, selection: ECSTaskSelection, configuration: ECSMonitorConfiguration,
                name: String? = nil, budget: String = "") {
        self.client = client
        self.transport = transport
        self.selection = selection
        self.configuration = configuration
        self.name = name ?? selection.cluster
        self.budget = budget
    }
}

extension ECSDashboardSource {
    /// The ECS API of `simulator` (its look-alike, with its test key), watched for the cluster it
    /// simulates: what `demo --source ecs` and drills recorded through the ECS API watch.
    /// - Throws: ``SimulatedECSAPIUnavailable`` when the simulator runs no ECS API.
    /// With `region`, the cluster of that region the simulator also serves (``AgentSimulator/serveRegion(of:)``),
    /// named `REGION/CLUSTER` and drawing on that region's budget.
    public static func simulated(by simulator: AgentSimulator, polling: MonitorConfiguration,
                                 region: String? = nil) throws -> ECSDashboardSource {
        guard let url = simulator.ecsAPIURL, let key = simulator.configuration.apiCredentials.first else {
            throw SimulatedECSAPIUnavailable()
        }
        let transport = try PooledHTTPTransport()
        let credentials = AWSCredentials(accessKeyID: key.accessKeyID, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken)
        let signingRegion = region ?? simulator.configuration.region
        let client = ECSClient(
            endpoint: try AWSEndpoint(url), region: signingRegion,
            credentials: StaticCredentialsProvider(credentials), transport: transport)
        return ECSDashboardSource(
            client: client, transport: transport, selection: ECSTaskSelection(cluster: simulator.clusterName),
            configuration: ECSMonitorConfiguration(polling: polling),
            name: region.map { "\($0)/\(simulator.clusterName)" }, budget: region ?? "")
    }
}

/// The simulator was started without its ECS API.
public struct SimulatedECSAPIUnavailable: Error, CustomStringConvertible {
    public var description: String { "the simulated ECS API did not start" }
}
