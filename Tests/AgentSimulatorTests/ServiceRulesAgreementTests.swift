import Foundation
import Testing
@testable import AgentSimulator

/// The agent endpoint relays ECS's answer, so both ways in agree on the service rules: one more
/// protected task than the service's desired count is DEPLOYMENT_BLOCKED, through the agent as
/// through the ECS API.
@Suite struct ServiceRulesAgreementTests {
    private func configuration() -> SimulatorConfiguration {
        var configuration = fastConfiguration(taskCount: 2)
        configuration.serviceDesiredCounts = ["app": 1]
        return configuration
    }

    @Test func theAgentPathBlocksProtectingMoreTasksThanTheDesiredCount() async throws {
        try await withSimulator(configuration()) { simulator in
            for index in 0..<2 { try simulator.setProtection(forTask: index, enabled: false, expiresAt: nil) }
            let first = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true}"#)
            #expect(first.status == 200)
            #expect(first.bodyText.contains(#""ProtectionEnabled":true"#), "\(first.bodyText)")
            let second = try await simulator.request("PUT", simulator.statePath(1), body: #"{"ProtectionEnabled":true}"#)
            // As the real agent relays ECS's refusal: a 200 carrying the failure object.
            #expect(second.status == 200)
            #expect(second.bodyText.contains(#""Reason":"DEPLOYMENT_BLOCKED""#), "\(second.bodyText)")
            #expect(second.bodyText.contains(#""failure""#))
            #expect(simulator.tasks.map(\.protectionEnabled) == [true, false], "the refused task stays unprotected")
            // Unprotecting the first frees the slot for the second.
            _ = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":false}"#)
            let retry = try await simulator.request("PUT", simulator.statePath(1), body: #"{"ProtectionEnabled":true}"#)
            #expect(retry.bodyText.contains(#""ProtectionEnabled":true"#), "\(retry.bodyText)")
        }
    }

    @Test func aStandaloneTaskIsNotValidThroughTheAgentAsThroughTheAPI() async throws {
        var configuration = fastConfiguration(taskCount: 1)
        configuration.defaultService = nil
        try await withSimulator(configuration) { simulator in
            let read = try await simulator.request("GET", simulator.statePath(0))
            #expect(read.status == 200)
            #expect(read.bodyText.contains(#""Reason":"TASK_NOT_VALID""#), "\(read.bodyText)")
            let protect = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true}"#)
            #expect(protect.bodyText.contains(#""Reason":"TASK_NOT_VALID""#), "\(protect.bodyText)")
            #expect(simulator.tasks.first?.protectionEnabled == false)
        }
    }
}
