import Foundation
import ProtectionClient
import ProtectionCore
import Testing
@testable import GameDay

/// The versioned events file: what each record carries, files of the release before versions,
/// drills grouped across processes, and a review that tells each thing once.
@Suite struct DrillRecordTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)
    let arn = "arn:aws:ecs:us-west-2:111122223333:task/demo/0f6c1a2b"

    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// A file as the release before versions wrote it: the simulator stamped scenario time (from an
    /// origin an hour off the wall clock here), the dashboard wall time; one lapse told by both.
    static let versionZeroFile = """
    {"fields":{"name":"legacy","steps":"2"},"kind":"scenario.started","time":"2030-01-01T00:00:00.000Z"}
    {"fields":{"expires":"2030-01-01T00:01:30.000Z","state":"protected"},"kind":"state","label":"worker-1","task":"arn:aws:ecs:us-west-2:1:task/c/w1","time":"2030-01-01T00:00:00.000Z"}
    {"fields":{"code":"ThrottlingException","fault":"throttled"},"kind":"error.started","label":"ingest-1","task":"arn:aws:ecs:us-west-2:1:task/c/i1","time":"2030-01-01T00:00:00.000Z"}
    {"fields":{"code":"ThrottlingException"},"kind":"error.started","label":"ingest-1","task":"arn:aws:ecs:us-west-2:1:task/c/i1","time":"2030-01-01T00:00:01.200Z"}
    {"fields":{"action":"protect 120m","user":"alice"},"kind":"action","label":"ingest-1","time":"2030-01-01T00:00:05.000Z"}
    {"fields":{"by":"operator","intent":"protect"},"kind":"put.sent","label":"ingest-1","time":"2030-01-01T00:00:05.001Z"}
    {"fields":{"by":"operator","reason":"ThrottlingException"},"kind":"put.failed","label":"ingest-1","time":"2030-01-01T00:00:05.020Z"}
    {"fields":{"expired":"2030-01-01T00:01:30.000Z"},"kind":"lapse","label":"worker-1","task":"arn:aws:ecs:us-west-2:1:task/c/w1","time":"2030-01-01T00:01:30.100Z"}
    {"fields":{"state":"unprotected"},"kind":"state","label":"worker-1","task":"arn:aws:ecs:us-west-2:1:task/c/w1","time":"2030-01-01T00:01:30.100Z"}
    {"fields":{},"kind":"lapse","label":"worker-1","task":"arn:aws:ecs:us-west-2:1:task/c/w1","time":"2030-01-01T00:01:30.900Z"}
    {"fields":{"remaining":"0"},"kind":"alert.expiring","label":"worker-1","task":"arn:aws:ecs:us-west-2:1:task/c/w1","time":"2030-01-01T00:01:20.000Z"}
    {"fields":{"code":"ThrottlingException","fault":"throttled"},"kind":"error.ended","label":"ingest-1","task":"arn:aws:ecs:us-west-2:1:task/c/i1","time":"2030-01-01T00:03:00.000Z"}
    {"fields":{"code":"ThrottlingException","seconds":"179.6"},"kind":"error.ended","label":"ingest-1","task":"arn:aws:ecs:us-west-2:1:task/c/i1","time":"2030-01-01T00:03:00.800Z"}
    {"fields":{},"kind":"scenario.finished","time":"2030-01-01T00:04:00.000Z"}
    """

    @Test func aFileFromTheReleaseBeforeVersionsStillReads() throws {
        let contents = TimelineReader.parse(Self.versionZeroFile, file: "old.jsonl")
        #expect(contents.problems.isEmpty)
        #expect(contents.records.count == 14)
        #expect(contents.records.allSatisfy { $0.version == 0 && $0.drill == nil && $0.run == nil && $0.scenarioTime == nil })
        let drills = TimelineDrill.group(contents.records)
        #expect(drills.count == 1 && drills[0].id == nil)
        let summary = TimelineSummary(records: drills[0].records)
        #expect(summary.scenarioName == "legacy")
        let worker = try #require(summary.tasks.first { $0.label == "worker-1" })
        #expect(worker.lapses.map(TimelineRecord.timestamp) == ["2030-01-01T00:01:30.100Z"], "the simulator's lapse and the dashboard's are one")
        #expect(worker.alerts == [.init(time: at(80), alert: "expiring", remaining: 0)])
        let ingest = try #require(summary.tasks.first { $0.label == "ingest-1" })
        #expect(summary.tasks.count == 2, "labels without ARNs join the task their label names")
        #expect(ingest.errors.map(\.code) == ["ThrottlingException"])
        #expect(ingest.errors.first?.span == .init(start: at(0), end: at(180), open: false))
        #expect(ingest.actions == [.init(time: at(5), action: "protect 120m", user: "alice", outcome: "ThrottlingException")])
        let text = summary.rendered(file: "old.jsonl", drill: drills[0])
        #expect(text.contains("Drill (written before drill ids): 1 run (?)"))
        #expect(text.contains("00:00:05.000  protect 120m by alice -> ThrottlingException"), "\(text)")
    }

    /// Files recorded elsewhere may hold anything: odd types, newer versions, extreme times, escape
    /// sequences, bytes that are not text. Every line is either a record or a reported problem, and
    /// the review and the list print no control character.
    @Test func hostileLinesAreReadOrReportedAndNeverReachTheTerminalRaw() {
        var lines = [
            #"{"v":1,"time":"2030-01-01T00:00:00.000Z","kind":"state","fields":[1,2],"drill":"D"}"#,
            #"{"v":1,"time":"2030-01-01T00:00:00.000Z","kind":"state","task":5,"label":["x"],"drill":"D"}"#,
            #"{"v":2,"time":"2030-01-01T00:00:01.000Z","kind":"future.kind","drill":"D","run":"r","newKey":{"a":[]}}"#,
            #"{"v":1,"time":"2030-01-01T00:00:02.000Z","kind":"error.started","drill":"D","task":"t","scenarioTime":1e400}"#,
            #"{"v":1,"time":"2030-01-01T00:00:03.000Z","kind":"heartbeat","drill":"D","fields":{"ids":"0-999999999999"}}"#,
            #"{"v":1,"time":"9999-12-31T23:59:59.999Z","kind":"agent.up","drill":"D"}"#,
            #"{"v":1,"time":"0001-01-01T00:00:00.000Z","kind":"agent.down","drill":"D"}"#,
            #"{"v":1000,"time":"2030-01-01T00:00:04.000Z","kind":"action","drill":"\u001b[2J","task":"\u009b31m","fields":{"action":"\u001b]0;x\u0007","user":"\r"}}"#,
            #"{"v":1,"time":"2030-01-01T00:00:05.000Z","kind":"put.failed","drill":"D","label":"\u001b[1m","fields":{"by":"operator","reason":"\u0007"}}"#,
            "\u{0}\u{1}garbage", "{", "null", "[]", #"{"v":-1,"time":"2030-01-01T00:00:00.000Z","kind":"x"}"#,
            #"{"v":true,"time":"2030-01-01T00:00:00.000Z","kind":"x"}"#, String(repeating: "x", count: 70_000),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            lines.append(String(decoding: (0..<Int.random(in: 1...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                .filter { $0 != 10 }, as: UTF8.self))
        }
        let contents = TimelineReader.parse(lines.joined(separator: "\n"), file: "f\u{1B}")
        #expect(contents.records.count + min(contents.problems.count, 21) >= 10)
        #expect(contents.records.count >= 9, "\(contents.records.map(\.kind))")
        let drills = TimelineDrill.group(contents.records)
        var printed = TimelineSummary.list(drills) + contents.problems.joined(separator: "\n")
        for drill in drills { printed += TimelineSummary(records: drill.records).rendered(file: "f\u{1B}", drill: drill) }
        #expect(!printed.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(printed.contains("Agent down"))
    }

    @Test func everyRecordCarriesVersionDrillRunAndScenarioTime() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/events.jsonl"
        let identity = DrillIdentity(drill: "d-1", run: "r-1")
        let writer = try TimelineWriter(path: path, identity: identity)
        writer.record(TimelineRecord(time: at(0.0015), taskArn: arn, label: "w", kind: .state, fields: ["state": "protected"],
                                     scenarioTime: 12.3456))
        writer.record(TimelineRecord(time: at(1), kind: .agentDown, drill: "other", run: "r-9"))
        writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first)
        #expect(first.contains(#""v":1"#) && first.contains(#""drill":"d-1""#) && first.contains(#""run":"r-1""#))
        #expect(first.contains(#""time":"2030-01-01T00:00:00.001Z""#) && first.contains(#""scenarioTime":12.345"#), "\(first)")
        #expect(first.contains(#""task":"\#(arn)""#))
        let records = try TimelineReader.read(path: path).records
        #expect(records.map(\.drill) == ["d-1", "other"], "a record naming its drill keeps it")
        #expect(records.map(\.run) == ["r-1", "r-9"])
        #expect(records.first?.scenarioTime == 12.345 && records.last?.scenarioTime == nil)
        #expect(records.allSatisfy { $0.version == 1 })
        // A version that is not a small whole number is not a record of ours.
        #expect(TimelineRecord(jsonLine: #"{"v":"x","time":"2030-01-01T00:00:00.000Z","kind":"state"}"#) == nil)
        #expect(TimelineRecord(jsonLine: #"{"v":1.5,"time":"2030-01-01T00:00:00.000Z","kind":"state"}"#) == nil)
    }

    @Test func aDrillIsJoinedByFlagOrEnvironmentElseNew() throws {
        let variable = DrillIdentity.environmentVariable
        let joined = try DrillIdentity.resolve(flag: nil, environment: [variable: "20261206T004637Z-3fa2c19b"])
        #expect(joined.drill == "20261206T004637Z-3fa2c19b")
        let flagged = try DrillIdentity.resolve(flag: "game-day.7", environment: [variable: "ignored"])
        #expect(flagged.drill == "game-day.7")
        #expect(joined.run != flagged.run)
        let fresh = try DrillIdentity.resolve(flag: nil, environment: [:])
        let other = try DrillIdentity.resolve(flag: nil, environment: [variable: ""])
        #expect(fresh.drill != other.drill && DrillIdentity.isValid(fresh.drill) && DrillIdentity.isValid(fresh.run))
        #expect(DrillIdentity.newID(at: start).hasPrefix("20300101T000000Z-"))
        #expect(throws: DrillIDError.self) { try DrillIdentity.resolve(flag: "", environment: [:]) }
        for bad in ["a b", "\u{1B}[2J", String(repeating: "x", count: 65), "drill/1", "é"] {
            #expect(throws: DrillIDError.self) { try DrillIdentity.resolve(flag: nil, environment: [variable: bad]) }
            #expect(throws: DrillIDError.self) { try DrillIdentity.resolve(flag: bad, environment: [:]) }
        }
        let error = try #require(throws: DrillIDError.self) { try DrillIdentity.resolve(flag: "\u{1B}]0;x\u{07}", environment: [:]) }
        #expect(!error.description.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func drillsAppendedToOneFileAreKeptApart() throws {
        let first = [
            TimelineRecord(time: at(0), kind: .runStarted, fields: ["command": "simulate"], drill: "A", run: "a1"),
            TimelineRecord(time: at(1), kind: .agentDown, drill: "A", run: "a1", scenarioTime: 1),
            TimelineRecord(time: at(2), kind: .runStarted, fields: ["command": "watch"], drill: "A", run: "a2"),
            TimelineRecord(time: at(4), kind: .agentUp, drill: "A", run: "a1", scenarioTime: 4),
        ]
        let second = [
            TimelineRecord(time: at(100), kind: .runStarted, fields: ["command": "demo"], drill: "B", run: "b1"),
            TimelineRecord(time: at(101), taskArn: arn, label: "w", kind: .lapse, drill: "B", run: "b1"),
        ]
        let text = (first + second).map { $0.jsonLine() }.joined(separator: "\n") + "\n"
        let drills = TimelineDrill.group(TimelineReader.parse(text, file: "f").records)
        #expect(drills.map(\.id) == ["A", "B"])
        #expect(drills[0].runs.map(\.command) == ["simulate", "watch"])
        #expect(drills[0].runs.map(\.count) == [3, 1])
        #expect(drills[1].runs.map(\.id) == ["b1"])
        let last = TimelineSummary(records: drills[1].records)
        #expect(last.agentDown.isEmpty && last.tasks.map(\.lapses) == [[at(101)]], "the first drill does not leak into the last")
        let a = TimelineSummary(records: drills[0].records)
        #expect(a.agentDown == [.init(start: at(1), end: at(4), open: false, scenarioSeconds: 3)])
        let list = TimelineSummary.list(drills)
        #expect(list.split(separator: "\n").count == 2)
        #expect(list.hasPrefix("A  2030-01-01 00:00:00.000 to 00:00:04.000 UTC  4 events  2 runs (simulate, watch)"), "\(list)")
    }

    /// The simulator's account and a dashboard's, merged: each lapse, outage and action once, one
    /// label per task, and protection as the world had it (the dashboard sees it a poll late).
    @Test func oneDrillFromTwoRunsTellsEachThingOnce() throws {
        func world(_ time: Double, _ kind: TimelineKind, _ fields: [String: String] = [:]) -> TimelineRecord {
            TimelineRecord(time: at(time), taskArn: arn, label: "web-003", kind: kind, fields: fields, drill: "D", run: "sim",
                           scenarioTime: time * 10)
        }
        func seen(_ time: Double, _ kind: TimelineKind, _ fields: [String: String] = [:], arn: String? = nil) -> TimelineRecord {
            TimelineRecord(time: at(time), taskArn: arn, label: "web/56d51943", kind: kind, fields: fields, drill: "D", run: "dash")
        }
        let records = [
            world(0, .state, ["state": "unprotected"]),
            seen(0.4, .state, ["state": "unprotected"], arn: arn),
            world(1, .putConfirmed, ["by": "worker", "state": "protected"]),
            world(1.01, .state, ["state": "protected"]),
            world(1.02, .workStarted),
            // The dashboard's poll still said unprotected a moment after the world changed.
            seen(1.3, .state, ["state": "protected"]),
            world(3, .errorStarted, ["code": "RequestCanceled", "fault": "ecs-timeout"]),
            seen(3.6, .errorStarted, ["code": "RequestCanceled"]),
            seen(4, .operatorAction, ["action": "keep on", "user": "ops"]),
            seen(4, .keep, ["renewal": "sent"]),
            seen(4.01, .putSent, ["by": "keep", "intent": "protect"]),
            seen(4.2, .putFailed, ["by": "keep", "reason": "RequestCanceled"]),
            seen(4.5, .operatorAction, ["action": "protect 120m", "user": "ops"]),
            seen(4.6, .putFailed, ["by": "operator", "reason": "RequestCanceled"]),
            seen(5, .errorEnded, ["code": "RequestCanceled"]),
            seen(5.5, .errorStarted, ["code": "RequestCanceled"]),
            world(6, .errorEnded, ["code": "RequestCanceled", "fault": "ecs-timeout"]),
            seen(6.4, .errorEnded, ["code": "RequestCanceled"]),
            world(8, .workFinished),
            world(9, .lapse, ["expired": "x"]),
            world(9, .state, ["state": "unprotected"]),
            seen(9.3, .alert, ["alert": "lapsed"]),
            seen(9.3, .state, ["state": "unprotected"]),
            seen(9.4, .operatorAction, ["action": "protect 10m", "user": "ops"]),
            seen(9.5, .putConfirmed, ["by": "operator", "state": "protected"]),
            world(9.6, .state, ["state": "protected"]),
            seen(9.6, .state, ["state": "protected"]),
            seen(9.7, .alert, ["alert": "expiring", "remaining": "540"]),
            world(10, .scenarioFinished),
        ]
        let summary = TimelineSummary(records: records.shuffled())
        #expect(summary.tasks.count == 1)
        let task = try #require(summary.tasks.first)
        #expect(task.label == "web-003", "the scenario's label names the task")
        #expect(task.unprotectedDuringWorkSeconds == 0, "the world protected the task before its job started")
        #expect(task.lapses == [at(9)])
        #expect(task.errors == [.init(code: "RequestCanceled", span: .init(start: at(3), end: at(6), open: false, scenarioSeconds: 30))])
        #expect(task.actions.map(\.action) == ["keep on", "protect 120m", "protect 10m"])
        #expect(task.actions.map(\.outcome) == [nil, "RequestCanceled", "ok"])
        #expect(task.alerts.map(\.alert) == ["lapsed", "expiring"])
        #expect(task.renewals == 1 && task.renewalFailures == ["RequestCanceled"])
        let text = summary.rendered(file: "f")
        #expect(text.contains("error                     RequestCanceled for 3s (00:00:03.000 to 00:00:06.000; 30s of scenario time)"), "\(text)")
        #expect(text.contains("keep renewals             1 sent, 1 failed (RequestCanceled)"))
        #expect(text.contains("00:00:04.500  protect 120m by ops -> RequestCanceled"))
        #expect(text.contains("alert                     00:00:09.700  expiring, 9m00s left"))
        #expect(!text.contains("web/56d51943"))
    }

    @Test func aWatcherOnlyOutageIsKeptAndTwoWatchersAccountsAreOne() throws {
        func seen(_ run: String, _ time: Double, _ kind: TimelineKind, _ code: String) -> TimelineRecord {
            TimelineRecord(time: at(time), taskArn: arn, label: "w", kind: kind, fields: ["code": code], drill: "D", run: run)
        }
        let summary = TimelineSummary(records: [
            seen("a", 1, .errorStarted, "AccessDeniedException"), seen("b", 1.5, .errorStarted, "AccessDeniedException"),
            seen("a", 4, .errorEnded, "AccessDeniedException"), seen("b", 4.8, .errorEnded, "AccessDeniedException"),
            seen("a", 10, .errorStarted, "ThrottlingException"), seen("a", 12, .errorEnded, "ThrottlingException"),
        ])
        #expect(summary.tasks.first?.errors.map(\.code) == ["AccessDeniedException", "ThrottlingException"])
        #expect(summary.tasks.first?.errors.first?.span == .init(start: at(1), end: at(4.8), open: false))
    }
}

/// `--speed` shrinks a scenario's own durations; a worker's minutes must stay whole minutes.
@Suite struct ScenarioSpeedTests {
    private func scenario(minutes: Int) throws -> Scenario {
        try ScenarioParser.parse("name: s\ntasks:\n  - label: a\nsteps:\n  - at: 1s\n    note: hi\n  - at: 2s\n    work: a\n    for: 1m\n    minutes: \(minutes)\n",
                                 file: "s.yaml")
    }

    @Test func workerMinutesThatStayWholeArePlayedAndOthersRefusedWithTheirLine() throws {
        try ScenarioSpeed.check(try scenario(minutes: 20), speed: 10, file: "s.yaml")
        try ScenarioSpeed.check(try scenario(minutes: 7), speed: 1, file: "s.yaml")
        let error = try #require(throws: ScenarioError.self) { try ScenarioSpeed.check(try scenario(minutes: 15), speed: 10, file: "s.yaml") }
        #expect(error.line == 7)
        #expect(error.description.hasPrefix("s.yaml:7: at --speed 10 the worker's 15 minutes of protection would last 1.5 minutes"))
        #expect(throws: ScenarioError.self) { try ScenarioSpeed.check(try scenario(minutes: 5), speed: 10, file: "s.yaml") }
        #expect(ScenarioSpeed.wallMinutes(20, speed: 10) == 2)
        #expect(ScenarioSpeed.wallMinutes(15, speed: 10) == 2, "a player given one anyway asks for the next whole minute")
        #expect(ScenarioSpeed.wallMinutes(10, speed: 60) == 1)
        #expect(ScenarioSpeed.wallMinutes(2880, speed: 1) == 2880)
    }

    /// Under --speed the simulator serves wall time: a task protected for 10 scenario minutes at
    /// speed 10 expires a wall minute after the start, and `advance` moves the clock a tenth as far.
    @Test func theSimulatorServesWallTimeWhileScenarioTimeRunsFast() async throws {
        let text = "name: fast\ntasks:\n  - label: a\n    protected: 10m\nsteps:\n  - at: 1s\n    advance: 100s\n"
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 5))
        let before = Date()
        let player = ScenarioPlayer(scenario: try ScenarioParser.parse(text, file: "t.yaml"), base: fastBase(),
                                    playback: RealtimePlaybackClock(speed: 10), sink: TimelineMemory(), transport: client)
        try await player.start()
        let expiry = try #require(player.simulator.tasks.first?.expirationDate)
        // A wall minute (ten scenario minutes would be six hundred seconds); the simulator keeps
        // whole milliseconds or seconds, hence the slack.
        #expect(abs(expiry.timeIntervalSince(before) - 60) < 2, "\(expiry.timeIntervalSince(before))")
        try await player.play()
        #expect(player.clock.offsetSeconds == 10)
        let served = player.clock.now().timeIntervalSince(Date())
        #expect(served >= 9 && served <= 11, "wall time plus the shrunk advance, not scenario time")
        try await player.simulator.shutdown()
        await client.shutdown()
    }
}
