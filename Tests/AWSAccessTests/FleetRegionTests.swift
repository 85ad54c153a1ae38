import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Testing

/// Two regions served on one simulated ECS API port, watched as one fleet over loopback.
@Suite(.serialized) struct FleetRegionTests {
    /// A simulator serving `us-west-2` (its own) and `us-east-1` on one port.
    private func twoRegions(taskCount: Int) throws -> (AgentSimulator, AgentSimulator) {
        let west = AgentSimulator(configuration: apiConfiguration(taskCount: taskCount))
        var east = apiConfiguration(taskCount: taskCount)
        east.region = "us-east-1"
        east.ecsAPIPort = nil
        let eastSimulator = AgentSimulator(configuration: east)
        try west.serveRegion(of: eastSimulator)
        return (west, eastSimulator)
    }

    private func client(_ simulator: AgentSimulator, region: String, transport: PooledHTTPTransport) throws -> ECSClient {
        ECSClient(endpoint: try AWSEndpoint(try #require(simulator.ecsAPIURL)), region: region,
                  credentials: StaticCredentialsProvider(simulatorCredentials), transport: transport,
                  retryPolicy: fastRetries, requestTimeout: 30)
    }

    @Test("the signing region picks the region's own cluster; each region counts its own calls")
    func routing() async throws {
        let (west, east) = try twoRegions(taskCount: 3)
        try await west.start()
        let transport = try PooledHTTPTransport()
        defer { Task { await transport.shutdown(); try? await west.shutdown() } }
        let westTasks = try await client(west, region: "us-west-2", transport: transport)
            .listTasks(.init(cluster: west.clusterName)).get()
        let eastTasks = try await client(west, region: "us-east-1", transport: transport)
            .listTasks(.init(cluster: west.clusterName)).get()
        #expect(Set(westTasks) == Set(west.tasks.map(\.taskArn)))
        #expect(Set(eastTasks) == Set(east.tasks.map(\.taskArn)))
        #expect(eastTasks.allSatisfy { $0.hasPrefix("arn:aws:ecs:us-east-1:") })
        #expect(west.ecsAPIRequestCount == 1 && east.ecsAPIRequestCount == 1)
        // A region the port does not serve goes to the port's own, which refuses the scope.
        let elsewhere = try await client(west, region: "eu-west-1", transport: transport).listTasks(.init(cluster: west.clusterName))
        #expect(elsewhere.failureValue?.serviceError?.code == "InvalidSignatureException")
        // One region down: its calls fail, the other's do not.
        east.setRegionDown(true)
        let down = try await client(west, region: "us-east-1", transport: transport).listTasks(.init(cluster: west.clusterName))
        #expect(down.failureValue?.serviceError?.code == "ServiceUnavailableException")
        #expect(try await client(west, region: "us-west-2", transport: transport).listTasks(.init(cluster: west.clusterName)).get().count == 3)
    }

    @Test("a fleet on two regions: one region down, the other keeps answering, each task named for its source")
    func fleetWithOneRegionDown() async throws {
        let (west, east) = try twoRegions(taskCount: 4)
        try await west.start()
        let transport = try PooledHTTPTransport()
        let log = SourceEventLog()
        let configuration = ecsMonitorConfiguration(interval: 0.3, discovery: 1)
        let members = try ["us-west-2", "us-east-1"].map { region in
            let client = try client(west, region: region, transport: transport)
            let selection = ECSTaskSelection(cluster: west.clusterName)
            return FleetTaskSource.Member(name: "\(region)/\(west.clusterName)") { onEvent in
                ECSTaskMonitor(client: client, selection: selection, configuration: configuration, randomSeed: 3, onEvent: onEvent)
            }
        }
        let fleet = FleetTaskSource(members: members) { log.append($0) }
        fleet.start()
        do {
            try await log.waitUntil("both regions' tasks answered") { $0.latest.count == 8 }
            let targets = log.targets
            #expect(Set(targets.keys) == Set(0..<8))
            #expect(Set(targets.values.compactMap(\.taskArn)) == Set((west.tasks + east.tasks).map(\.taskArn)))
            for target in targets.values {
                let region = target.taskArn?.contains(":us-east-1:") == true ? "us-east-1" : "us-west-2"
                #expect(target.source == "\(region)/\(west.clusterName)")
                #expect(target.label.hasPrefix("\(region)/\(west.clusterName) "))
            }
            east.setRegionDown(true)
            let eastIDs = Set(targets.values.filter { $0.source?.hasPrefix("us-east-1") == true }.map(\.id))
            let failedAfter = log.responses.count
            try await log.waitUntil("an east task answered with the outage") { log in
                log.responses.dropFirst(failedAfter).contains { eastIDs.contains($0.target) && $0.response.result.problemCode == "ServiceUnavailableException" }
            }
            let westAnswered = log.responses.count
            try await log.waitUntil("the west tasks answered again") { log in
                Set(log.responses.dropFirst(westAnswered).filter { !eastIDs.contains($0.target) && $0.response.isUnprotected }.map(\.target)).count == 4
            }
            try await log.waitUntil("the outage said as a discovery problem named for its region") { log in
                log.all.contains { if case .discoveryFailed(let error, _) = $0 { error.message.hasPrefix("us-east-1/") } else { false } }
            }
            #expect(fleet.names == ["us-west-2/\(west.clusterName)", "us-east-1/\(west.clusterName)"])
        } catch {
            await fleet.stop()
            await transport.shutdown()
            try await west.shutdown()
            throw error
        }
        await fleet.stop()
        await transport.shutdown()
        try await west.shutdown()
    }
}
