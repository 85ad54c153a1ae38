import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Synchronization
import Testing

/// Everything an ``ECSTaskMonitor`` reported, for tests to wait on and inspect.
final class SourceEventLog: Sendable {
    private let events = Mutex<[TaskSourceEvent]>([])

    func append(_ event: TaskSourceEvent) { events.withLock { $0.append(event) } }

    var all: [TaskSourceEvent] { events.withLock { $0 } }

    /// Targets added and not removed, by id.
    var targets: [TargetID: SourceTarget] {
        var targets: [TargetID: SourceTarget] = [:]
        for event in all {
            switch event {
            case .targetsAdded(let added): for target in added { targets[target.id] = target }
            case .targetsRemoved(let removed): for id in removed { targets[id] = nil }
            default: break
            }
        }
        return targets
    }

    /// Every response, in order, with its target and request.
    var responses: [(target: TargetID, request: ProtectionRequest, response: ProtectionResponse)] {
        all.compactMap { event in
            if case .monitor(.responded(let target, let request, let response)) = event { return (target, request, response) }
            return nil
        }
    }

    /// The latest response per target.
    var latest: [TargetID: ProtectionResponse] {
        var latest: [TargetID: ProtectionResponse] = [:]
        for entry in responses { latest[entry.target] = entry.response }
        return latest
    }

    /// Waits (polling every 20 ms, up to `timeout` seconds) until `condition` holds.
    func waitUntil(timeout: Double = 20, _ what: String, _ condition: (SourceEventLog) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(self) {
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Credentials that change at a given moment: a provider whose temporary key is refreshed.
struct SwitchingCredentialsProvider: AWSCredentialsProvider {
    let before: AWSCredentials
    let after: AWSCredentials
    let switchAt: Date

    func credentials() async throws(AWSConfigurationError) -> AWSCredentials {
        Date() < switchAt ? before : after
    }
}

/// Starts a simulator, a client on its ECS API and a monitor on `selection`; runs `body`; stops all.
func withECSMonitor<T>(
    _ configuration: SimulatorConfiguration,
    selection: (AgentSimulator) -> ECSTaskSelection = { ECSTaskSelection(cluster: $0.clusterName) },
    monitor monitorConfiguration: ECSMonitorConfiguration,
    credentials: (any AWSCredentialsProvider)? = nil,
    retryPolicy: RetryPolicy = fastRetries,
    _ body: (AgentSimulator, ECSTaskMonitor, SourceEventLog) async throws -> T
) async throws -> T {
    let simulator = AgentSimulator(configuration: configuration)
    try await simulator.start()
    let transport = try PooledHTTPTransport()
    let log = SourceEventLog()
    var monitor: ECSTaskMonitor?
    do {
        let endpoint = try AWSEndpoint(try #require(simulator.ecsAPIURL))
        let client = ECSClient(
            endpoint: endpoint, region: configuration.region,
            credentials: credentials ?? StaticCredentialsProvider(simulatorCredentials),
            transport: transport, retryPolicy: retryPolicy, requestTimeout: 30)
        let created = ECSTaskMonitor(client: client, selection: selection(simulator), configuration: monitorConfiguration,
                                     randomSeed: 7) { log.append($0) }
        monitor = created
        created.start()
        let result = try await body(simulator, created, log)
        await created.stop()
        await transport.shutdown()
        try await simulator.shutdown()
        return result
    } catch {
        await monitor?.stop()
        await transport.shutdown()
        try await simulator.shutdown()
        throw error
    }
}

/// A monitor configuration for tests: `interval` between rounds, a generous budget.
func ecsMonitorConfiguration(interval: Double = 0.5, maxRPS: Double = 100, discovery: Double = 3600, gone: Double = 0.3,
                             backoffInitial: Double = 2) -> ECSMonitorConfiguration {
    ECSMonitorConfiguration(
        polling: MonitorConfiguration(pollInterval: interval, jitter: 0, maxRequestsPerSecond: maxRPS,
                                      backoffInitial: backoffInitial, backoffMaximum: 60),
        discoveryInterval: discovery, goneRetention: gone)
}

extension ProtectionResponse {
    var isProtected: Bool {
        if case .protection(let protection) = result { return protection.enabled }
        return false
    }

    var isUnprotected: Bool {
        if case .protection(let protection) = result { return !protection.enabled }
        return false
    }
}
