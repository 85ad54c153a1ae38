import AWSAccess
import ProtectionCore

/// The ECS API side of a dashboard: the client, what to watch and how often.
struct ECSDashboardSource: Sendable {
    /// The client (credentials, region and endpoint resolved).
    let client: ECSClient
    /// The transport under the client, shut down when the dashboard ends.
    let transport: AsyncHTTPTransport
    /// The tasks to watch.
    let selection: ECSTaskSelection
    /// Polling, budget and discovery.
    let configuration: ECSMonitorConfiguration
}
