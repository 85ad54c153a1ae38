import Foundation
import ProtectionClient
import Testing
@testable import ProtectionCore

/// Every task of an EC2 container instance shares `169.254.170.2:80`: one task's hanging agent
/// call must not hold up another task's request on the same host and port.
@Suite struct ClientSharedHostTests {
    @Test func hangingTargetsDoNotStarveHealthyOnesOnTheSameHostAndPort() async throws {
        let server = try await ScriptedServer.start(.hangWhenPathContains("/api/hang-", reply: scriptedProtectionReply()))
        let base = "http://127.0.0.1:\(server.port)/api/"
        // More hanging targets than async-http-client's default of 8 connections per host.
        let hanging = try (0..<20).map { try EndpointParser.parse("\(base)hang-\($0)") }
        let healthy = try (0..<4).map { try EndpointParser.parse("\(base)ok-\($0)") }
        let targets = hanging + healthy
        let timeout = 4.0
        let client = AgentHTTPClient(configuration: .init(
            requestTimeout: timeout,
            maximumConnectionsPerHost: AgentHTTPClient.Configuration.connectionLimit(forTargets: targets.count)))

        let responses = await withTaskGroup(of: (Endpoint, ProtectionResponse).self) { group in
            for (index, endpoint) in targets.enumerated() {
                group.addTask {
                    // The hanging requests go first, so each healthy one would queue behind them.
                    if index >= hanging.count { try? await Task.sleep(for: .milliseconds(300)) }
                    return (endpoint, await client.send(.get, to: endpoint))
                }
            }
            var collected: [Endpoint: ProtectionResponse] = [:]
            for await (endpoint, response) in group { collected[endpoint] = response }
            return collected
        }
        await client.shutdown()
        await server.shutdown()

        for endpoint in healthy {
            let response = try #require(responses[endpoint])
            #expect(response.httpStatus == 200, "\(endpoint.agentURI): \(response.result)")
            // Answered long before the hanging targets' deadline, not after it.
            #expect(response.elapsed < timeout / 2)
        }
        for endpoint in hanging {
            #expect(responses[endpoint]?.expectTransport() == .timeout)
        }
    }

    @Test func connectionLimitCoversEveryTargetUpToTheCeiling() {
        typealias Configuration = AgentHTTPClient.Configuration
        #expect(Configuration.connectionLimit(forTargets: 1) == 8)
        #expect(Configuration.connectionLimit(forTargets: 40) == 40)
        #expect(Configuration.connectionLimit(forTargets: 100_000) == Configuration.connectionCeiling)
    }
}
