import Foundation
import Testing
@testable import AgentSimulator

/// Finding 8: the control route had no authentication (another local user injected a fault into
/// a running demo) and the ECS API took a fixed, published key. Both secrets are now random.
@Suite struct ControlAuthorizationTests {
    @Test func theControlRouteRefusesCallsWithoutThisRunsToken() async throws {
        try await withSimulator { simulator in
            let token = try #require(simulator.configuration.controlToken)
            #expect(token.count == 32)
            let url = try #require(simulator.controlURL.flatMap(URLComponents.init(string:)))
            let port = try #require(url.port)
            for headers in [[], ["Authorization: Bearer wrong"], ["Authorization: Bearer \(token)x"], ["Authorization: \(token)"],
                            ["Authorization: Basic \(token)"]] {
                for (method, path, body) in [("GET", "/control/tasks", nil), ("PUT", "/control/tasks/0/fault", #"{"fault":"throttled"}"#),
                                             ("PUT", "/control/agent", #"{"down":true}"#)] as [(String, String, String?)] {
                    let response = try await RawConnection.with(port: port) { connection in
                        try await connection.sendRequest(method, path, body: body, extraHeaders: headers)
                        return try await connection.readResponse()
                    }
                    #expect(response.status == 401, "\(method) \(path) with \(headers)")
                    #expect(response.header("Www-Authenticate") == "Bearer")
                }
            }
            #expect(simulator.tasks[0].fault == nil, "no fault was injected")
            #expect(!simulator.isAgentDown)
            let allowed = try await simulator.control("PUT", "/control/tasks/0/fault", body: #"{"fault":"throttled"}"#)
            #expect(allowed.status == 200)
            #expect(simulator.tasks[0].fault == .throttled)
        }
    }

    @Test func everyConfigurationHasItsOwnTokenAndTheKeyIsNotTheOldFixedOne() {
        let tokens = Set((0..<50).map { _ in SimulatorConfiguration().controlToken ?? "" })
        #expect(tokens.count == 50)
        let key = SimulatorConfiguration.APICredential.simulatorDefault
        #expect(key.accessKeyID != "AKIASIMULATEDECS0001")
        #expect(key.secretAccessKey != "ecsProtectSimulatorSecretKeyNotForAWS000")
        #expect(key.accessKeyID.hasPrefix("AKIA") && key.accessKeyID.count == 20)
        #expect(key.secretAccessKey.count == 40)
        #expect(SimulatorSecret.equal("abc", "abc") && !SimulatorSecret.equal("abc", "abd") && !SimulatorSecret.equal("abc", "abcd"))
    }
}
