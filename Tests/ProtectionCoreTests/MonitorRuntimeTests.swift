import Foundation
import Testing
@testable import ProtectionCore

/// The async runtime, driven by a manual clock and a transport the test answers by hand.
@Suite("ProtectionMonitor", .timeLimit(.minutes(1)))
struct MonitorRuntimeTests {
    private struct Harness {
        let clock = ManualMonitorClock(start: MonitorFixtures.start)
        let transport: ScriptedTransport
        let recorder = EventRecorder()
        let monitor: ProtectionMonitor

        init(targets: Int, configuration: MonitorConfiguration = MonitorFixtures.configuration(jitter: 0)) {
            transport = ScriptedTransport(clock: clock)
            monitor = ProtectionMonitor(endpoints: MonitorFixtures.endpoints(targets), transport: transport,
                                        configuration: configuration, clock: clock, randomSeed: 1,
                                        onEvent: recorder.handler)
        }

        func nextCall() async throws -> ScriptedTransport.Call {
            try #require(await transport.nextCall())
        }

        /// The next request, or nil when none comes within `seconds` of real time.
        func nextCall(within seconds: Double) async -> ScriptedTransport.Call? {
            await withTaskGroup(of: ScriptedTransport.Call?.self) { group in
                group.addTask { [transport] in await transport.nextCall() }
                group.addTask {
                    try? await Task.sleep(for: .seconds(seconds))
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
        }

        func answer(_ call: ScriptedTransport.Call) async {
            transport.respond(to: call, with: MonitorFixtures.success(at: clock.now()))
            _ = await recorder.next(where: \.isResponded)
        }
    }

    @Test func startReportsTheIntervalAndSendsTheFirstPollsTogether() async throws {
        let harness = Harness(targets: 2)
        #expect(harness.monitor.effectiveInterval == 2)
        harness.monitor.start()
        let first = await harness.recorder.next { _ in true }
        #expect(first == .effectiveIntervalChanged(2))
        // Both fit in one second's budget, so they leave at once without the clock moving.
        let call0 = try await harness.nextCall()
        #expect(call0.target == 0 && call0.request == .get)
        let call1 = try await harness.nextCall()
        #expect(call1.target == 1)
        await harness.answer(call0)
        await harness.answer(call1)
        await harness.monitor.stop()
        #expect(harness.recorder.events.map(\.summary) == ["interval 2.0", "start 0 GET", "start 1 GET", "done 0 GET", "done 1 GET"])
    }

    @Test func putWaitsForTheInFlightGetAndGoesFirst() async throws {
        let harness = Harness(targets: 1)
        harness.monitor.start()
        let get = try await harness.nextCall()
        #expect(get.request == .get)
        let protect = try ProtectionChange.protect(minutes: 10)
        harness.monitor.send(protect, to: [0, 0])
        harness.clock.advance(by: 0.1)
        await harness.answer(get)
        harness.clock.advance(by: 0.1)
        let put = try await harness.nextCall()
        #expect(put.request == .put(protect))
        await harness.answer(put)
        await harness.monitor.stop()
        #expect(harness.transport.maxInFlightPerTarget == 1)
        #expect(harness.transport.totalCalls == 2)
        #expect(harness.recorder.events.map(\.summary) == ["interval 2.0", "start 0 GET", "done 0 GET", "start 0 PUT", "done 0 PUT"])
    }

    @Test func spammedRefreshKeepsOneRequestInFlightAndRefreshActsAtOnce() async throws {
        let harness = Harness(targets: 1)
        harness.monitor.start()
        let get = try await harness.nextCall()
        for _ in 0..<100 { harness.monitor.refreshNow() }
        harness.clock.advance(by: 0.5)
        await harness.answer(get)
        // Without a refresh the next poll would be 2 s away; the clock does not move again.
        harness.monitor.refreshNow([0])
        let refreshed = try await harness.nextCall()
        #expect(refreshed.target == 0 && refreshed.request == .get)
        await harness.answer(refreshed)
        await harness.monitor.stop()
        #expect(harness.transport.maxInFlightPerTarget == 1)
        #expect(harness.transport.totalCalls == 2)
    }

    @Test func refreshOfSpecificTargetsPollsOnlyThose() async throws {
        let harness = Harness(targets: 3)
        harness.monitor.start()
        for _ in 0..<3 {
            await harness.answer(try await harness.nextCall())
            harness.clock.advance(by: 0.1)
        }
        harness.monitor.refreshNow([2])
        let call = try await harness.nextCall()
        #expect(call.target == 2)
        await harness.answer(call)
        await harness.monitor.stop()
        #expect(harness.transport.totalCalls == 4)
    }

    @Test func pollsAgainAfterTheIntervalOnTheInjectedClock() async throws {
        let harness = Harness(targets: 1)
        harness.monitor.start()
        await harness.answer(try await harness.nextCall())
        harness.clock.advance(by: 2)
        let second = try await harness.nextCall()
        #expect(second.request == .get)
        await harness.answer(second)
        await harness.monitor.stop()
        let started = harness.recorder.events.compactMap { event -> Date? in
            if case .requestStarted(_, _, let at) = event { return at }
            return nil
        }
        #expect(started == [MonitorFixtures.start, MonitorFixtures.start.addingTimeInterval(2)])
    }

    @Test func stopCancelsRequestsAndNothingIsReportedAfterIt() async throws {
        let harness = Harness(targets: 1)
        harness.monitor.start()
        _ = try await harness.nextCall()
        await harness.monitor.stop()
        let countAtStop = harness.recorder.events.count
        #expect(harness.transport.cancelledCalls == 1)
        #expect(harness.recorder.events.filter(\.isResponded).isEmpty)
        harness.monitor.refreshNow()
        harness.monitor.start()
        harness.clock.advance(by: 10)
        await harness.monitor.stop()
        #expect(harness.recorder.events.count == countAtStop)
        #expect(harness.transport.totalCalls == 1)
    }

    @Test func aPutLeavesAtOnceEvenWhenTheBudgetIsSpent() async throws {
        let harness = Harness(targets: 3, configuration: MonitorFixtures.configuration(jitter: 0, maxRPS: 1))
        harness.monitor.start()
        let get = try await harness.nextCall()
        #expect(get.target == 0 && get.request == .get)
        // The GET spent the budget's slot and the clock does not move: the PUT must not wait.
        let protect = try ProtectionChange.protect(minutes: 15)
        harness.monitor.send(protect, to: [2])
        let put = try #require(await harness.nextCall(within: 20))
        #expect(put.target == 2 && put.request == .put(protect))
        await harness.answer(put)
        await harness.answer(get)
        await harness.monitor.stop()
        let starts = harness.recorder.events.compactMap { event -> Date? in
            if case .requestStarted(2, .put, let at) = event { return at }
            return nil
        }
        #expect(starts == [MonitorFixtures.start])
    }

    @Test func aKeyFloodSendsTwoPutsAndTheLastIntentWins() async throws {
        // A budget of one a second: target 1's first poll waits, so the flood finds it free.
        let harness = Harness(targets: 2, configuration: MonitorFixtures.configuration(jitter: 0, maxRPS: 1))
        harness.monitor.start()
        let get = try await harness.nextCall()
        #expect(get.target == 0 && get.request == .get)
        let intents = try (1...200).map { try ProtectionChange.protect(minutes: $0) }
        for intent in intents { harness.monitor.send(intent, to: [1]) }
        let first = try #require(await harness.nextCall(within: 20))
        #expect(first.target == 1 && first.request == .put(intents[0]))
        harness.clock.advance(by: 0.3)
        await harness.answer(first)
        let second = try #require(await harness.nextCall(within: 20))
        #expect(second.target == 1 && second.request == .put(intents[199]))
        await harness.answer(second)
        await harness.answer(get)
        // Target 1 is polled again at its interval: the flood left nothing behind.
        harness.clock.advance(by: 2)
        let poll = try #require(await harness.nextCall(within: 20))
        #expect(poll.request == .get)
        await harness.monitor.stop()
        let puts = harness.recorder.events.filter { if case .requestStarted(_, .put, _) = $0 { true } else { false } }
        #expect(puts.count == 2)
        #expect(harness.transport.maxInFlightPerTarget == 1)
    }
}
