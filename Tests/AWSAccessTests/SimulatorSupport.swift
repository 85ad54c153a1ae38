import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import Testing

/// A simulator with no artificial latency and an API rate limit high enough for the batch tests.
func apiConfiguration(taskCount: Int) -> SimulatorConfiguration {
    var configuration = SimulatorConfiguration(
        taskCount: taskCount, ecsCallTimeout: .milliseconds(60), relayDelay: .milliseconds(1) ... .milliseconds(2),
        ecsLatency: .zero, slowLatency: .milliseconds(60), controlPort: nil)
    configuration.apiRateLimit = .init(perSecond: 10_000, burst: 10_000)
    return configuration
}

let simulatorKey = SimulatorConfiguration.APICredential.simulatorDefault
let simulatorCredentials = AWSCredentials(
    accessKeyID: simulatorKey.accessKeyID, secretAccessKey: simulatorKey.secretAccessKey)

/// Retries with tiny delays, so the retry tests run in milliseconds.
let fastRetries = RetryPolicy(throttlingScale: 0.001, transientScale: 0.001)

/// Starts a simulator and an ECS client pointed at its API, runs `body`, and shuts both down.
func withAPI<T>(
    _ configuration: SimulatorConfiguration,
    credentials: AWSCredentials = simulatorCredentials,
    retryPolicy: RetryPolicy = fastRetries,
    now: @escaping @Sendable () -> Date = { Date() },
    _ body: (AgentSimulator, ECSClient) async throws -> T
) async throws -> T {
    let simulator = AgentSimulator(configuration: configuration)
    try await simulator.start()
    let transport = try PooledHTTPTransport()
    do {
        let endpoint = try AWSEndpoint(try #require(simulator.ecsAPIURL))
        let client = ECSClient(
            endpoint: endpoint, region: configuration.region, credentials: StaticCredentialsProvider(credentials),
            transport: transport, retryPolicy: retryPolicy, requestTimeout: 30, now: now)
        let result = try await body(simulator, client)
        await transport.shutdown()
        try await simulator.shutdown()
        return result
    } catch {
        await transport.shutdown()
        try await simulator.shutdown()
        throw error
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension AWSCallError {
    var serviceError: AWSServiceError? {
        if case .service(let error) = self { return error }
        return nil
    }
}
