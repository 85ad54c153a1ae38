import Foundation
import Testing
@testable import AgentSimulator

/// 2030-01-01T00:00:00Z.
let epoch2030 = Date(timeIntervalSince1970: 1_893_456_000)

/// A configuration with tiny delays so fault tests run in milliseconds.
func fastConfiguration(taskCount: Int = 2, host: String = "127.0.0.1", faults: [Int: FaultKind] = [:]) -> SimulatorConfiguration {
    SimulatorConfiguration(
        host: host, taskCount: taskCount,
        ecsCallTimeout: .milliseconds(60), relayDelay: .milliseconds(10) ... .milliseconds(30),
        ecsLatency: .zero, slowLatency: .milliseconds(60), idleTimeout: .seconds(5),
        initialFaults: faults)
}

/// Starts a simulator, runs `body`, and always shuts it down.
func withSimulator<T>(
    _ configuration: SimulatorConfiguration = fastConfiguration(),
    clock: any SimulatorClock = SystemSimulatorClock(),
    _ body: (AgentSimulator) async throws -> T
) async throws -> T {
    let simulator = AgentSimulator(configuration: configuration, clock: clock)
    try await simulator.start()
    do {
        let result = try await body(simulator)
        try await simulator.shutdown()
        return result
    } catch {
        try await simulator.shutdown()
        throw error
    }
}

extension AgentSimulator {
    /// `/api/<id>/task-protection/v1/state` of task `index`.
    func statePath(_ index: Int) -> String {
        "/api/\(tasks[index].endpointID)/task-protection/v1/state"
    }

    var port: Int { agentPort ?? -1 }

    /// One request on a fresh keep-alive connection.
    func request(_ method: String, _ target: String, body: String? = nil, host: String = "127.0.0.1") async throws -> RawResponse {
        try await RawConnection.with(host: host, port: port) { connection in
            try await connection.sendRequest(method, target, body: body)
            return try await connection.readResponse()
        }
    }

    /// One request to the control listener.
    func control(_ method: String, _ path: String, body: String? = nil) async throws -> RawResponse {
        let url = try #require(controlURL.flatMap(URLComponents.init(string:)))
        let token = configuration.controlToken
        return try await RawConnection.with(port: try #require(url.port)) { connection in
            try await connection.sendRequest(method, path, body: body,
                                             extraHeaders: token.map { ["Authorization: Bearer \($0)"] } ?? [])
            return try await connection.readResponse()
        }
    }
}


/// Whether `text` matches the whole regular expression `pattern`.
func matches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
}

let uuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
let jsonHeaderNames = ["Content-Type", "X-Rate-Limit-Duration", "X-Rate-Limit-Limit", "Date", "Content-Length"]
