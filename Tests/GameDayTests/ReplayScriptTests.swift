import Foundation
import ProtectionCore
import Testing
@testable import GameDay

/// The script a replay plays: what the dashboard's records say its source said, moment by moment.
@Suite struct ReplayScriptTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)

    private func fixture() throws -> TimelineDrill {
        let path = TimelineFormatTests.fixtures.appendingPathComponent(TimelineFormatTests.drillFile).path
        return try #require(TimelineDrill.group(try TimelineReader.read(path: path).records).last)
    }

    /// The recorded drill: a simulator and a dashboard wrote it; the dashboard's records are the script.
    @Test func aRecordedDrillBecomesTheDashboardsTasksAndAnswers() throws {
        let drill = try fixture()
        let script = ReplayScript(records: drill.records)
        #expect(Set(script.targets.map(\.label)) == ["worker-a", "worker-b", "worker-c", "worker-d", "web-1", "web-2"])
        #expect(script.targets.allSatisfy { $0.taskArn?.hasPrefix("arn:aws:ecs:") == true })
        #expect(zip(script.steps, script.steps.dropFirst()).allSatisfy { $0.time <= $1.time }, "steps in time order")
        // Only the dashboard's run: no scenario step or work record becomes an answer.
        #expect(!script.steps.contains { $0.summary.contains("scenario") || $0.summary.contains("work.") })
        let answers = script.steps.flatMap(\.events).compactMap { event -> ProtectionResult? in
            if case .monitor(.responded(_, _, let response)) = event { return response.result }
            return nil
        }
        #expect(answers.contains { if case .protection(let p) = $0 { p.enabled && p.expirationDate != nil } else { false } })
        #expect(answers.contains { if case .transport(.connectionRefused) = $0 { true } else { false } }, "the agent's end is the source failing")
        #expect(answers.contains { if case .error(let e) = $0 { e.code == "ThrottlingException" } else { false } })
        #expect(script.count(atOrBefore: script.start.addingTimeInterval(-1)) == 0)
        #expect(script.count(atOrBefore: script.end) == script.steps.count)
        #expect(script.start == drill.start && script.end == drill.end)
    }

    /// What `watch` records for a replay's header and rows: its cluster, its alert window, its
    /// endpoints before they answer, and demo's scenario records kept out of the screen's account.
    @Test func theDashboardsSettingsAndWatchedEndpointsComeBack() {
        let arn = "arn:aws:ecs:us-west-2:1:task/c/01"
        let records = [
            TimelineRecord(time: start, kind: .runStarted, fields: ["command": "demo", "cluster": "prod", "alert-before": "300"], run: "r"),
            TimelineRecord(time: start, kind: .taskWatched, fields: ["id": "0", "name": "w", "endpoint": "http://127.0.0.1:51679/api/abc"], run: "r"),
            TimelineRecord(time: start.addingTimeInterval(1), taskArn: arn, label: "w", kind: .taskAdded, fields: ["id": "0"], run: "r"),
            TimelineRecord(time: start.addingTimeInterval(1), taskArn: arn, label: "w", kind: .state, fields: ["state": "unprotected"],
                           run: "r", scenarioTime: 1),
        ]
        let script = ReplayScript(records: records)
        #expect(script.cluster == "prod" && script.alertBefore == 300)
        #expect(script.targets.map(\.label) == ["w"] && script.targets.first?.endpoint != nil, "one row, from the start, where live had it")
        #expect(script.targets.first?.taskArn == nil && script.steps.count == 1, "the scenario's own state record is not the screen's")
    }

    /// A task the ECS API lists as stopped is recorded as such and replays as GONE.
    @Test func aStoppedTaskIsRecordedAndReplayedAsGone() throws {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: [], sink: memory, user: "ops")
        recorder.record(TaskSourceEvent.targetsAdded([SourceTarget(id: 4, label: "app/01", taskArn: "arn:aws:ecs:us-west-2:1:task/c/01")]), at: start)
        recorder.record(TaskSourceEvent.targetsGone([4]), at: start.addingTimeInterval(1))
        let gone = try #require(memory.all.last)
        #expect(gone.kind == .taskGone && gone.fields["id"] == "4" && gone.label == "app/01")
        let records = [TimelineRecord(time: start, kind: .runStarted, fields: ["command": "watch"], run: "r")]
            + memory.all.map { record in var record = record; record.run = "r"; return record }
        let script = ReplayScript(records: records)
        #expect(script.steps.last?.events == [.targetsGone([0])], "\(script.steps.map(\.events))")
    }

    /// A task found through the ECS API keeps its lifecycle in the record (the row's PROBLEM
    /// column shows it), and one listed as running again after it was gone comes back.
    @Test func aTasksLifecycleIsRecordedAndATaskFoundAgainComesBack() throws {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: [], sink: memory, user: "ops")
        let lifecycle = TaskLifecycle(service: "app", taskDefinition: "app:7", lastStatus: "RUNNING", desiredStatus: "RUNNING",
                                      startedAt: start.addingTimeInterval(-600), availabilityZone: "us-west-2a")
        let target = SourceTarget(id: 4, label: "app/01", taskArn: "arn:aws:ecs:us-west-2:1:task/c/01", service: "app", lifecycle: lifecycle)
        recorder.record(TaskSourceEvent.targetsAdded([target]), at: start)
        recorder.record(TaskSourceEvent.targetsGone([4]), at: start.addingTimeInterval(1))
        recorder.record(TaskSourceEvent.targetsAdded([target]), at: start.addingTimeInterval(2))
        var stopping = lifecycle
        stopping.desiredStatus = "STOPPED"
        stopping.stopCode = "ServiceSchedulerInitiated"
        recorder.record(TaskSourceEvent.lifecyclesChanged([4: stopping]), at: start.addingTimeInterval(3))
        let records = [TimelineRecord(time: start, kind: .runStarted, fields: ["command": "watch"], run: "r")]
            + memory.all.map { record in var record = record; record.run = "r"; return record }
        let script = ReplayScript(records: records)
        var replayed = target
        replayed.id = 0
        #expect(script.targets == [replayed], "label, ARN, service and lifecycle as found")
        #expect(script.steps.map(\.events) == [[.targetsAdded([replayed])], [.targetsGone([0])], [.targetsAdded([replayed])],
                                                [.lifecyclesChanged([0: stopping])]])
    }

    /// A service's counts, deployments and events, recorded as they change, replay as the
    /// services the dashboard read.
    @Test func servicesAreRecordedAsTheyChangeAndReplayAsRead() {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: [], sink: memory, user: "ops")
        let rollout = ServiceStatus.Deployment(id: "ecs-svc/1", status: "PRIMARY", taskDefinition: "web:8", desired: 4, running: 3,
                                               pending: 1, rolloutState: "IN_PROGRESS", rolloutStateReason: "ECS deployment ecs-svc/1 in progress.")
        let scaling = ServiceStatus.Event(id: "e1", createdAt: start.addingTimeInterval(-10), message: "(service web) has begun draining connections")
        var web = ServiceStatus(name: "web", desired: 4, running: 3, pending: 1, deployments: [rollout], events: [scaling])
        recorder.record(TaskSourceEvent.servicesRead([web]), at: start)
        recorder.record(TaskSourceEvent.servicesRead([web]), at: start.addingTimeInterval(30))
        web.running = 4
        web.pending = 0
        web.deployments[0].running = 4
        web.events.insert(ServiceStatus.Event(id: "e2", createdAt: start.addingTimeInterval(55), message: "(service web) has reached a steady state."), at: 0)
        recorder.record(TaskSourceEvent.servicesRead([web]), at: start.addingTimeInterval(60))
        #expect(memory.all.filter { $0.kind == .serviceState }.count == 2, "written when it changed, not at every read")

        let records = [TimelineRecord(time: start, kind: .runStarted, fields: ["command": "watch", "cluster": "c"], run: "r")]
            + memory.all.map { record in var record = record; record.run = "r"; return record }
        let reads = ReplayScript(records: records).steps.flatMap(\.events).compactMap { event -> [ServiceStatus]? in
            if case .servicesRead(let services) = event { services } else { nil }
        }
        #expect(reads.last == [web], "\(reads.last ?? [])")
    }

    @Test func heartbeatsRepeatEachNamedTasksLastAnswerAtTheirTime() {
        let arn = "arn:aws:ecs:us-west-2:1:task/c/01"
        let records = [
            TimelineRecord(time: start, kind: .runStarted, fields: ["command": "watch", "interval": "5.0"], run: "r"),
            TimelineRecord(time: start, taskArn: arn, label: "w", kind: .taskAdded, fields: ["id": "3", "endpoint": "http://127.0.0.1:51679/api/abc"], run: "r"),
            TimelineRecord(time: start, taskArn: arn, label: "w", kind: .state, fields: ["state": "unprotected"], run: "r"),
            TimelineRecord(time: start.addingTimeInterval(5), kind: .heartbeat, fields: ["ids": "3", "since": "x"], run: "r"),
            TimelineRecord(time: start.addingTimeInterval(6), kind: .heartbeat, fields: ["ids": "0-2", "since": "x"], run: "r"),
        ]
        let script = ReplayScript(records: records)
        #expect(script.targets.map(\.label) == ["w"])
        #expect(script.pollInterval == 5)
        #expect(script.targets.first?.endpoint?.host == "127.0.0.1" && script.targets.first?.endpoint?.label == "w",
                "the endpoint the dashboard watched: its source is that agent, as live")
        let beats = script.steps.filter { $0.time == start.addingTimeInterval(5) }.flatMap(\.events)
        guard case .monitor(.responded(let target, .get, let response))? = beats.first else {
            Issue.record("the heartbeat repeats the answer: \(beats)")
            return
        }
        #expect(target == 0 && response.receivedAt == start.addingTimeInterval(5))
        #expect(!script.steps.contains { $0.time == start.addingTimeInterval(6) }, "ids of no known task repeat nothing")
    }

    /// A PUT's send and answer: PENDING, then the outcome (the failure's kind from `result`, or from the code's shape).
    @Test func putsAndProblemsComeBackAsTheAnswersThatCarriedThem() {
        let arn = "arn:aws:ecs:us-west-2:1:task/c/01"
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
        let records = [
            TimelineRecord(time: at(0), taskArn: arn, label: "w", kind: .putSent, fields: ["by": "operator", "intent": "protect", "minutes": "99999"]),
            TimelineRecord(time: at(1), taskArn: arn, label: "w", kind: .putFailed, fields: ["by": "operator", "reason": "DEPLOYMENT_BLOCKED"]),
            TimelineRecord(time: at(2), taskArn: arn, label: "w", kind: .errorStarted, fields: ["code": "Weird", "result": "rate-limited", "message": "slow down"]),
            TimelineRecord(time: at(3), taskArn: arn, label: "w", kind: .errorStarted, fields: ["code": "ThrottlingException"]),
        ]
        let script = ReplayScript(records: records)
        #expect(script.pollInterval == nil, "no dashboard said how often it polled")
        let events = script.steps.flatMap(\.events)
        #expect(events.first == .targetsAdded([SourceTarget(id: 0, label: "w", taskArn: arn)]), "no endpoint named: a task of its own")
        // Minutes out of range in a hostile file fall back to the default protect.
        #expect(events.contains(.monitor(.requestStarted(target: 0, request: .put(try! .protect()), at: at(0)))))
        let results = events.compactMap { event -> ProtectionResult? in
            if case .monitor(.responded(_, _, let response)) = event { return response.result }
            return nil
        }
        #expect(results == [.failure(ProtectionFailure(arn: arn, reason: "DEPLOYMENT_BLOCKED", detail: nil)),
                            .rateLimited(message: "slow down"),
                            .error(AgentError(code: "ThrottlingException", message: "ThrottlingException", arn: arn))])
    }

    /// Without a dashboard's records, the scenario's world stands in.
    @Test func aScenarioAloneIsReplayedAsItsWorld() {
        let arn = "arn:aws:ecs:us-west-2:1:task/c/01"
        let records = [
            TimelineRecord(time: start, kind: .runStarted, fields: ["command": "simulate"], run: "s", scenarioTime: 0),
            TimelineRecord(time: start, taskArn: arn, label: "w", kind: .state, fields: ["state": "protected", "expires": "2030-01-01T01:00:00.000Z"],
                           run: "s", scenarioTime: 0),
        ]
        let script = ReplayScript(records: records)
        #expect(script.targets.map(\.label) == ["w"])
        #expect(script.steps.count == 1)
    }
}
