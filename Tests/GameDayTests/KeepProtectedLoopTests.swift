import AgentSimulator
import Foundation
import ProtectionClient
import ProtectionCore
import Synchronization
import Testing
@testable import GameDay

/// Keep-protected against a real simulator on loopback whose clock the loop's waits move forward.
@Suite(.serialized) struct KeepProtectedLoopTests {
    private struct Run {
        var outcomes: [KeepProtectedLoop.Outcome]
        var records: [TimelineRecord]
        /// Simulated seconds during which some task read as unprotected.
        var unprotectedSamples: [Double]
    }

    /// Runs the loop for `duration` simulated seconds, sampling the simulator after each wait.
    private func keep(tasks: Int, minutes: Int, for duration: Double, agentClockOffset: TimeInterval = 0,
                      during: @escaping @Sendable (AgentSimulator, Double) -> Void = { _, _ in }) async throws -> Run {
        let start = Date(timeIntervalSince1970: 1_893_456_000)
        let clock = ManualSimulatorClock(start: start)
        let simulator = AgentSimulator(configuration: {
            var base = fastBase()
            base.taskCount = tasks
            base.agentHostClockOffset = agentClockOffset
            // Simulated minutes pass in real milliseconds: the agent's per-second limiter must not
            // count the reads between renewals as a flood.
            base.rateLimit = .init(perSecond: 1_000_000, burst: 1_000_000)
            return base
        }(), clock: clock)
        try await simulator.start()
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 5))
        let endpoints = try simulator.agentURIs.enumerated().map { try EndpointParser.parse("t\($0.offset)=\($0.element)") }
        let memory = TimelineMemory()
        let unprotected = Mutex<[Double]>([])
        let loop = KeepProtectedLoop(
            endpoints: endpoints, policy: KeepProtectedPolicy(periodMinutes: minutes), transport: client,
            onEvent: KeepLoopRecorder(sink: memory).record, now: { clock.now() },
            wait: { step in
                let seconds = Double(step.components.seconds) + Double(step.components.attoseconds) / 1e18
                clock.advance(by: seconds)
                let elapsed = clock.now().timeIntervalSince(start)
                during(simulator, elapsed)
                if simulator.tasks.contains(where: { !$0.protectionEnabled }) { unprotected.withLock { $0.append(elapsed) } }
                if elapsed >= duration { throw CancellationError() }
            })
        let outcomes = await loop.run()
        try await simulator.shutdown()
        await client.shutdown()
        return Run(outcomes: outcomes, records: memory.all, unprotectedSamples: unprotected.withLock { $0 })
    }

    @Test func renewsAcrossSeveralPeriodsWithoutALapseOrADuplicate() async throws {
        // Two-minute periods renewed with one minute left: over seven minutes, the first protect
        // and then a renewal every minute.
        let run = try await keep(tasks: 3, minutes: 2, for: 7 * 60)
        #expect(run.unprotectedSamples.isEmpty, "unprotected at \(run.unprotectedSamples)")
        for outcome in run.outcomes {
            #expect(outcome.state.renewals >= 7, "\(outcome.state)")
            #expect(outcome.state.consecutiveFailures == 0)
            let label = outcome.endpoint.label
            let sent = run.records.of(.putSent, label: label)
            let confirmed = run.records.of(.putConfirmed, label: label)
            #expect(sent.count == confirmed.count && sent.count == outcome.state.renewals)
            // Consecutive renewals one period minus the lead apart: never two at once.
            let gaps = zip(confirmed.dropFirst(), confirmed).map { $0.time.timeIntervalSince($1.time) }
            #expect(gaps.allSatisfy { $0 >= 59 && $0 <= 61 }, "\(gaps)")
        }
        // Covered more than two whole periods.
        #expect(run.records.of(.putConfirmed).compactMap { $0.fields["expires"] }.count >= 3 * 7)
    }

    @Test func backsOffWhileThrottledAndRecovers() async throws {
        // Throttled from the first minute to the fourth: attempts are spaced 5, 10, 20, 40, 80 s.
        let run = try await keep(tasks: 1, minutes: 10, for: 8 * 60) { simulator, elapsed in
            try? simulator.setFault(elapsed >= 60 && elapsed < 240 ? .throttled : nil, forTask: 0)
        }
        let outcome = try #require(run.outcomes.first)
        let failures = run.records.of(.putFailed)
        #expect(failures.allSatisfy { $0.fields["reason"] == "ThrottlingException" })
        // The renewal falls due at 5 minutes, after the throttling ended: nothing failed. Then again with
        // throttling across the renewal time:
        #expect(failures.isEmpty && outcome.state.renewals == 2)

        let throttledAtRenewal = try await keep(tasks: 1, minutes: 10, for: 8 * 60) { simulator, elapsed in
            try? simulator.setFault(elapsed >= 290 && elapsed < 400 ? .throttled : nil, forTask: 0)
        }
        let attempts = throttledAtRenewal.records.of(.putSent).map { Int($0.time.timeIntervalSince1970 - 1_893_456_000) }
        // First protect at 0; renewal due at 300 (5 minutes left) fails until 400.
        #expect(attempts.first == 0)
        let retries = Array(attempts.dropFirst())
        #expect(retries.count >= 5, "\(attempts)")
        let spacing = zip(retries.dropFirst(), retries).map { $0 - $1 }
        #expect(spacing.prefix(4).elementsEqual([5, 10, 20, 40].prefix(spacing.count)) , "\(attempts)")
        #expect(throttledAtRenewal.unprotectedSamples.isEmpty, "the back-off still renewed before the expiry")
        #expect(throttledAtRenewal.outcomes.first?.state.consecutiveFailures == 0)
    }

    @Test func anAgentWhoseDateIsAnHourBehindIsStillRenewedInTime() async throws {
        // The agent's Date header reads an hour behind ECS's ExpirationDate: by the answer alone a
        // 2-minute protection would look like 1h02m. The renewal's own minutes bound it.
        let run = try await keep(tasks: 1, minutes: 2, for: 6 * 60, agentClockOffset: -3600)
        #expect(run.unprotectedSamples.isEmpty, "lapsed at \(run.unprotectedSamples)")
        let outcome = try #require(run.outcomes.first)
        #expect(outcome.state.renewals >= 5, "renewed every minute: \(outcome.state)")
        #expect(abs((outcome.agentClockAhead ?? 0) + 3600) < 2, "the clocks are said to differ by an hour")
        let confirmed = run.records.of(.putConfirmed)
        #expect(confirmed.allSatisfy { $0.fields["agentClockAhead"] != nil })
    }

    @Test func aTaskUnprotectedBySomeoneElseIsProtectedAgainThenLeftAloneIfItRecurs() async throws {
        // Someone unprotects the task at 30 s and again at 90 s (within the 10-minute period).
        let fired = Mutex<Set<Int>>([])
        let run = try await keep(tasks: 1, minutes: 10, for: 4 * 60) { simulator, elapsed in
            for moment in [30, 90] where elapsed >= Double(moment) {
                let first = fired.withLock { $0.insert(moment).inserted }
                if first { try? simulator.setProtection(forTask: 0, enabled: false, expiresAt: nil) }
            }
        }
        let alerts = run.records.of(.alert)
        #expect(alerts.map { $0.fields["keep"] } == ["re-protect", "paused"], "\(alerts.map(\.fields))")
        // Re-protected within a read interval of the first unprotect; not fought the second time.
        let sent = run.records.of(.putSent).map { Int($0.time.timeIntervalSince1970 - 1_893_456_000) }
        #expect(sent.count == 2 && sent[0] == 0 && (30...40).contains(sent[1]), "\(sent)")
        let outcome = try #require(run.outcomes.first)
        #expect(outcome.state.paused)
        #expect(outcome.protectedUntil == nil, "a paused task is not reported as protected")
    }
}
