import Foundation
import Testing
@testable import AgentSimulator

/// Whoever watches the simulator (the scenario player's lapse check) must tell an expiry by the
/// simulator's own rule: it reads time to the rounded millisecond, so a task reads unprotected up
/// to half a millisecond before its exact expiry instant. Comparing exact instants took such a
/// lapse for an unprotect (seen under load: worker-1's lapse missing from seeded-story's review).
@Suite struct ExpiryRuleTests {
    @Test func theExpiryRuleAgreesWithWhatTheTasksRead() throws {
        let expiry = epoch2030.addingTimeInterval(90)
        let clock = ManualSimulatorClock(start: epoch2030)
        let simulator = AgentSimulator(configuration: fastConfiguration(taskCount: 1), clock: clock)
        try simulator.setProtection(forTask: 0, enabled: true, expiresAt: expiry)
        for offset in [-0.002, -0.0006, -0.0004, -0.0001, 0, 0.0003, 0.002] {
            let now = expiry.addingTimeInterval(offset)
            clock.set(now)
            let unprotected = !simulator.tasks[0].protectionEnabled
            #expect(AgentSimulator.protectionHasExpired(expiry, at: now) == unprotected, "at \(offset * 1000) ms")
        }
        // The edge itself: 0.4 ms early already reads unprotected, where `expiry <= now` is false.
        clock.set(expiry.addingTimeInterval(-0.0004))
        #expect(!simulator.tasks[0].protectionEnabled && !(expiry <= clock.now()))
    }
}
