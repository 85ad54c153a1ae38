import AgentSimulator
import Foundation
import ProtectionClient
import Testing
@testable import ProtectionCore

/// A simulator configuration with tiny delays, so every fault answers within a fraction of a second.
func clientTestConfiguration(
    taskCount: Int = 2, host: String = "127.0.0.1", faults: [Int: FaultKind] = [:],
    slowLatency: Duration = .milliseconds(300), idleTimeout: Duration = .seconds(5)
) -> SimulatorConfiguration {
    SimulatorConfiguration(
        host: host, taskCount: taskCount,
        ecsCallTimeout: .milliseconds(200), relayDelay: .milliseconds(10) ... .milliseconds(30),
        ecsLatency: .milliseconds(5), slowLatency: slowLatency, idleTimeout: idleTimeout,
        initialFaults: faults, controlPort: nil)
}

/// Client limits for loopback tests: generous enough for a loaded machine, short enough that a
/// hang shows up as a failure rather than a stuck run.
let clientTestLimits = AgentHTTPClient.Configuration(requestTimeout: 10, idleConnectionTimeout: 10)

/// Starts a simulator and a client, runs `body`, and always shuts both down.
func withClientAndSimulator<T>(
    _ configuration: SimulatorConfiguration = clientTestConfiguration(),
    client limits: AgentHTTPClient.Configuration = clientTestLimits,
    _ body: (AgentHTTPClient, AgentSimulator) async throws -> T
) async throws -> T {
    let simulator = AgentSimulator(configuration: configuration)
    try await simulator.start()
    let client = AgentHTTPClient(configuration: limits)
    do {
        let result = try await body(client, simulator)
        await client.shutdown()
        try await simulator.shutdown()
        return result
    } catch {
        await client.shutdown()
        try await simulator.shutdown()
        throw error
    }
}

extension AgentSimulator {
    /// Task `index`'s endpoint, parsed the way the command line parses it.
    func endpoint(_ index: Int, label: String? = nil) throws -> Endpoint {
        let uri = try #require(agentURIs.indices.contains(index) ? agentURIs[index] : nil)
        return try EndpointParser.parse(label.map { "\($0)=\(uri)" } ?? uri)
    }
}

extension ProtectionResponse {
    /// The protection, or nil with an issue recorded naming what came back instead.
    func expectProtection(sourceLocation: SourceLocation = #_sourceLocation) -> TaskProtection? {
        guard case .protection(let protection) = result else {
            Issue.record("expected protection, got \(result)", sourceLocation: sourceLocation)
            return nil
        }
        return protection
    }

    /// The agent error, or nil with an issue recorded.
    func expectError(sourceLocation: SourceLocation = #_sourceLocation) -> AgentError? {
        guard case .error(let error) = result else {
            Issue.record("expected an agent error, got \(result)", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }

    /// The transport problem, or nil with an issue recorded.
    func expectTransport(sourceLocation: SourceLocation = #_sourceLocation) -> TransportProblem? {
        guard case .transport(let problem) = result else {
            Issue.record("expected a transport problem, got \(result)", sourceLocation: sourceLocation)
            return nil
        }
        return problem
    }

    /// Seconds between sending and receiving.
    var elapsed: TimeInterval { receivedAt.timeIntervalSince(sentAt) }
}

/// Whether `text` is a lower-case UUID, the shape of the agent's `requestID`.
func isRequestID(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", options: .regularExpression) != nil
}
