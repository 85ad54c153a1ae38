import AgentSimulator
import Foundation
import ProtectionClient
import Testing
import ProtectionCore

/// The client keeps each endpoint's last answer with what it decoded to; an answer that differs by
/// a single byte, or comes with another status, is decoded afresh.
@Suite struct ClientRepeatedAnswerTests {
    @Test func everyChangeOfAnswerIsSeenAfterRepeats() async throws {
        try await withClientAndSimulator(clientTestConfiguration(taskCount: 2)) { client, simulator in
            let endpoint = try simulator.endpoint(0)
            let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 600).rounded(.down))
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: expiry)
            for _ in 0..<3 {
                let answer = await client.send(.get, to: endpoint)
                guard case .protection(let protection) = answer.result else {
                    Issue.record("expected a protection, got \(answer.result)")
                    return
                }
                #expect(protection.enabled)
                #expect(protection.expirationDate == expiry)
            }
            // One millisecond later: a body that differs in one digit.
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: expiry.addingTimeInterval(0.001))
            guard case .protection(let later) = await client.send(.get, to: endpoint).result else {
                Issue.record("expected a protection")
                return
            }
            #expect(abs((later.expirationDate ?? expiry).timeIntervalSince(expiry) - 0.001) < 0.0005)
            // Another status with its own body, then back to the same protection as before.
            try simulator.setFault(.serverError, forTask: 0)
            let failed = await client.send(.get, to: endpoint)
            #expect(failed.httpStatus == 500)
            if case .protection = failed.result { Issue.record("a server error read as a protection") }
            try simulator.setFault(nil, forTask: 0)
            guard case .protection(let again) = await client.send(.get, to: endpoint).result else {
                Issue.record("expected a protection")
                return
            }
            #expect(again.expirationDate == later.expirationDate)
            // The other endpoint's answer is its own, not the first one's kept.
            guard case .protection(let other) = await client.send(.get, to: try simulator.endpoint(1)).result else {
                Issue.record("expected a protection")
                return
            }
            #expect(other.enabled == false)
            #expect(other.taskArn == simulator.tasks[1].taskArn)
        }
    }
}
