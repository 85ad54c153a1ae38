import AgentSimulator
import Foundation
import ProtectionClient
import ProtectionCore
import Testing
@testable import GameDay

/// Plays scenarios on a real simulator on loopback, with scenario time running fast.
@Suite(.serialized) struct ScenarioPlayerTests {
    /// Plays `scenario` at `speed`, sampling often, and returns the player (simulator still up) and the records.
    private func play(_ scenario: Scenario, speed: Double, _ check: (ScenarioPlayer, [TimelineRecord]) async throws -> Void) async throws {
        let memory = TimelineMemory()
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 5))
        let player = ScenarioPlayer(scenario: scenario, base: fastBase(), playback: RealtimePlaybackClock(speed: speed),
                                    sink: memory, transport: client)
        try await player.start()
        let observer = Task { await player.observe(every: .milliseconds(5)) }
        do {
            try await player.play()
            observer.cancel()
            await observer.value
            player.sample()
            try await check(player, memory.all)
        } catch {
            observer.cancel()
            try? await player.simulator.shutdown()
            await client.shutdown()
            throw error
        }
        try await player.simulator.shutdown()
        await client.shutdown()
    }

    private func shipped(_ name: String) throws -> Scenario {
        try ScenarioParser.load(path: scenariosDirectory + "/" + name)
    }

    /// Every step of every shipped scenario runs, in order, without an error.
    @Test func everyShippedScenarioPlaysToTheEnd() async throws {
        for file in try shippedScenarioFiles() {
            let scenario = try shipped(file)
            try await play(scenario, speed: 300) { player, records in
                let steps = records.of(.scenarioStep)
                #expect(steps.map { $0.fields["step"] } == scenario.steps.indices.map { String($0 + 1) }, "\(file)")
                #expect(steps.allSatisfy { $0.fields["error"] == nil }, "\(file): \(steps.compactMap { $0.fields["error"] })")
                #expect(records.first?.kind == .scenarioStarted && records.last?.kind == .scenarioFinished, "\(file)")
                #expect(player.currentProgress == .init(stepsDone: scenario.steps.count, finished: true))
                #expect(player.nextStep == nil)
                // Records are stamped with wall time (in order, as written) and carry scenario
                // time, within the scenario's span.
                let last = (scenario.steps.last?.at ?? 0) + 600
                #expect(records.allSatisfy { ($0.scenarioTime ?? -1) >= 0 && ($0.scenarioTime ?? .infinity) <= last }, "\(file)")
                #expect(zip(records, records.dropFirst()).allSatisfy { $0.time <= $1.time }, "\(file)")
                #expect(records.allSatisfy { abs($0.time.timeIntervalSinceNow) < 120 }, "\(file)")
                let summary = TimelineSummary(records: records)
                #expect(summary.tasks.map(\.label) == scenario.tasks.map(\.label), "\(file)")
            }
        }
    }

    @Test func theSeededStoryLapsesWorker1AndTakesTheAgentAway() async throws {
        try await play(try shipped("seeded-story.yaml"), speed: 60) { player, records in
            let lapses = records.of(.lapse)
            #expect(lapses.map(\.label) == ["worker-1"])
            #expect(records.of(.agentDown).count == 1 && records.of(.agentUp).count == 1)
            #expect(!player.simulator.isAgentDown)
            // The job on api-1 protected it through its agent endpoint, then released it.
            let puts = records.of(.putConfirmed, label: "api-1")
            #expect(puts.map { $0.fields["state"] } == ["protected", "unprotected"])
            let summary = TimelineSummary(records: records)
            let api1 = try #require(summary.tasks.first { $0.label == "api-1" })
            // The review is in wall time; scenario time runs 60 times faster (a loaded machine's
            // delays are stretched as much in scenario time).
            #expect(api1.workSeconds * 60 >= 115 && api1.workSeconds * 60 <= 135, "\(api1.workSeconds)")
            #expect(api1.unprotectedDuringWorkSeconds * 60 < 30)
            let ingest = try #require(summary.tasks.first { $0.label == "ingest-1" })
            #expect(ingest.errors.map(\.code) == ["ThrottlingException"])
            let throttled = try #require(ingest.errors.first).span
            #expect(abs(try #require(throttled.scenarioSeconds) - 180) < 10)
            #expect(abs(throttled.seconds * 60 - 180) < 10)
            #expect(player.simulator.tasks.map(\.fault) == [nil, nil, nil, nil, nil, .taskNotValid, nil, nil])
        }
    }

    @Test func aThrottledWorkerRunsItsJobUnprotectedDuringTheScaleIn() async throws {
        try await play(try shipped("scale-in-during-deploy.yaml"), speed: 60) { player, records in
            let failed = records.of(.putFailed, label: "worker-c")
            #expect(failed.first?.fields["reason"] == "ThrottlingException")
            let summary = TimelineSummary(records: records)
            let workerC = try #require(summary.tasks.first { $0.label == "worker-c" })
            #expect(workerC.unprotectedDuringWorkSeconds == workerC.workSeconds)
            let workerA = try #require(summary.tasks.first { $0.label == "worker-a" })
            #expect(workerA.workSeconds > 0 && workerA.unprotectedDuringWorkSeconds * 60 < 30)
            #expect(player.simulator.desiredCount(forService: "workers") == 4)
            // `advance: 2m`, shrunk by the speed: the simulator serves wall time.
            #expect(player.clock.offsetSeconds * 60 == 120)
        }
    }

    @Test func theServiceScenarioWaitsOnProtectionThenRollsOut() async throws {
        try await play(try shipped("service-scale-in.yaml"), speed: 60) { player, records in
            #expect(records.of(.putConfirmed, label: "web-5").map { $0.fields["state"] } == ["protected", "unprotected"])
            let events = player.simulator.serviceEvents("web")
            #expect(events.contains("(service web) was unable to scale in due to (reason: 6 tasks under protection)."))
            let stopped = events.filter { $0.contains("has stopped") }
            #expect(stopped.contains { $0.contains("has stopped 1 running tasks") }, "\(events)")
            #expect(events.contains { $0.contains("is waiting on 3 tasks of the previous deployment under protection") }, "\(events)")
            #expect(events.first { $0.contains("deployment completed") } != nil, "\(events)")
            // Four tasks of the new revision run; every old one stopped once its protection ran out.
            let web = player.simulator.tasks.filter { $0.service == "web" && $0.lastStatus == "RUNNING" }
            #expect(web.count == 4 && web.allSatisfy { $0.revision == 2 }, "\(web.map { ($0.revision, $0.lastStatus) })")
            #expect(player.simulator.tasks.filter { $0.revision == 1 }.allSatisfy { $0.stopCode == "ServiceSchedulerInitiated" })
        }
    }

    @Test func theThrottledAPIScenarioSkewsTheClockAndBringsTheAPIBack() async throws {
        try await play(try shipped("ecs-api-throttled.yaml"), speed: 60) { player, records in
            #expect(records.of(.apiDown).count == 1 && records.of(.apiUp).count == 1)
            #expect(!player.simulator.isECSAPIDown)
            #expect(player.clock.offsetSeconds * 60 == 90)
            #expect(records.of(.putFailed, label: "svc-3").first?.fields["reason"] == "ThrottlingException")
            #expect(records.of(.putConfirmed, label: "svc-4").map { $0.fields["state"] } == ["protected", "unprotected"])
            let summary = TimelineSummary(records: records)
            let svc1 = try #require(summary.tasks.first { $0.label == "svc-1" })
            #expect(svc1.errors.map(\.code) == ["ThrottlingException", "RequestCanceled"])
        }
    }

    /// Steps change the simulator as they say, on a clock that jumps straight to each step.
    @Test func stepsActOnTheSimulator() async throws {
        let text = """
        name: effects
        tasks:
          - label: a
            service: web
            protected: 10m
          - label: b
            service: web
          - label: c
            service: jobs
        steps:
          - at: 1s
            fault: throttled
            service: web
          - at: 2s
            fault: slow
            task: c
          - at: 3s
            scale: web
            desired: 1
          - at: 4s
            advance: 11m
          - at: 5s
            agent: down
          - at: 6s
            ecs-api: down
        """
        let scenario = try ScenarioParser.parse(text, file: "effects.yaml")
        let memory = TimelineMemory()
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 5))
        defer { Task { await client.shutdown() } }
        let origin = Date(timeIntervalSince1970: 1_893_456_000)
        let player = ScenarioPlayer(scenario: scenario, base: fastBase(), playback: SteppedPlaybackClock(), origin: origin,
                                    sink: memory, transport: client)
        try await player.start()
        #expect(player.nextStep?.number == 1 && player.nextStep?.step.at == 1)
        try await player.play()
        let simulator = player.simulator
        #expect(simulator.tasks.map(\.fault) == [.throttled, .throttled, .slow])
        #expect(simulator.desiredCount(forService: "web") == 1)
        #expect(simulator.isAgentDown && simulator.isECSAPIDown)
        #expect(player.clock.now() == origin.addingTimeInterval(6 + 660))
        // Ten minutes of protection ran out when the clock jumped eleven: a lapse.
        #expect(memory.all.of(.lapse).map(\.label) == ["a"])
        #expect(memory.all.of(.errorStarted).map(\.label) == ["a", "b"])  // `slow` is late, not an error
        try await simulator.setECSAPIDown(false)
        try await simulator.setAgentDown(false)
        #expect(!simulator.isAgentDown && !simulator.isECSAPIDown)
        try await simulator.shutdown()
    }

    /// A worker whose protect is answered after its job's time is up still starts, then ends the job.
    @Test func aJobWhoseProtectOutlastsItStillStartsThenEnds() async throws {
        let text = "name: slow protect\ntasks:\n  - label: a\n    fault: ecs-timeout\nsteps:\n  - at: 0s\n    work: a\n    for: 1s\n"
        let memory = TimelineMemory()
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 5))
        let player = ScenarioPlayer(scenario: try ScenarioParser.parse(text, file: "t.yaml"), base: fastBase(),
                                    playback: SteppedPlaybackClock(), sink: memory, transport: client)
        try await player.start()
        try await player.play()
        try await player.simulator.shutdown()
        await client.shutdown()
        let kinds = memory.all.filter { $0.label == "a" }.map(\.kind).filter { $0 != .state }
        #expect(kinds == [.errorStarted, .putSent, .putFailed, .workStarted, .workFinished, .putSent, .putFailed], "\(kinds)")
    }
}
