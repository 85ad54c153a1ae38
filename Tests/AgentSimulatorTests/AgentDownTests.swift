import Foundation
import Testing
@testable import AgentSimulator

@Suite struct AgentDownTests {
    @Test func agentDownRefusesConnectionsAndComesBackOnTheSamePort() async throws {
        try await withSimulator { simulator in
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: Date().addingTimeInterval(3600))
            let port = simulator.port
            let uris = simulator.agentURIs
            try await RawConnection.with(port: port) { open in
                try await simulator.setAgentDown(true)
                #expect(simulator.isAgentDown)
                #expect(try await open.waitForPeerClose())
            }
            await #expect(throws: (any Error).self) {
                try await simulator.request("GET", simulator.statePath(0))
            }
            let control = try await simulator.control("GET", "/control/tasks")
            #expect(control.bodyText.hasPrefix(#"{"agentDown":true,"#))

            try await simulator.setAgentDown(false)
            #expect(!simulator.isAgentDown)
            #expect(simulator.port == port)
            #expect(simulator.agentURIs == uris)
            let back = try await simulator.request("GET", simulator.statePath(0))
            #expect(back.status == 200)
            #expect(back.bodyText.contains(#""ProtectionEnabled":true"#))
        }
    }

    @Test func agentDownBeforeStartIsAnError() async throws {
        let simulator = AgentSimulator(configuration: fastConfiguration())
        await #expect(throws: SimulatorError.notRunning) { try await simulator.setAgentDown(true) }
    }
}
