import AgentSimulator
import Dashboard
import DashboardRuntime
import Foundation
import GameDay
import ProtectionClient
import ProtectionCore
import Synchronization
import TerminalTestSupport
import TerminalUI
import Testing

/// The replay fidelity check: a live dashboard (the real session loop on a ``TestBackend``) watches
/// a real simulator playing a bundled scenario fast and records its drill with frame digests into
/// a file on disk; that file replayed with the replay's own source draws, at every recorded
/// instant, a frame with the same digest: countdowns, expiries, answer ages and problems included.
@Suite(.utf8Locale) struct ReplayFidelityTests {
    /// Where the recording dashboard reads the scenario's tasks.
    enum Source: String, Sendable {
        /// Each task's agent endpoint.
        case agent
        /// The simulator's ECS API, for its cluster (`demo --source ecs`, `watch --cluster`).
        case ecs
    }

    /// Every bundled scenario through agent endpoints, and through the ECS API (what a service's
    /// scale-in, its deployment and the ECS API's own outages are seen through).
    static let drills: [(name: String, source: Source)] =
        ScenarioParser.bundled.map { ($0.name, .agent) } + ScenarioParser.bundled.map { ($0.name, .ecs) }

    /// The fastest speed the scenario's workers can be played at (their minutes must stay whole).
    private static func speed(for scenario: Scenario, name: String) -> Double {
        [30.0, 20, 15, 10, 6, 5, 3, 2, 1].first { speed in (try? ScenarioSpeed.check(scenario, speed: speed, file: name)) != nil } ?? 1
    }

    /// At most this many drills at once (each on its own simulator, dashboard and file), longest
    /// first: the test takes about as long as its longest lane rather than the sum of its drills,
    /// while the machine stays quiet enough for each dashboard to tick on time (a loop woken late
    /// starts an alert's flash late, which a replay cannot know).
    static let concurrentDrills = 4

    @Test func aRecordedDrillReplaysWithTheLiveDigestAtEveryRecordedInstant() async throws {
        let longestFirst = try Self.drills.sorted { try Self.length(of: $0.name) > Self.length(of: $1.name) }
        let withoutFidelityFields = try await withThrowingTaskGroup(of: (Source, Int).self) { group in
            var waiting = longestFirst[...]
            for _ in 0..<Self.concurrentDrills {
                guard let drill = waiting.popFirst() else { break }
                group.addTask { (drill.source, try await Self.recordAndReplay(drill.name, through: drill.source)) }
            }
            var differing: [(Source, Int)] = []
            while let result = try await group.next() {
                differing.append(result)
                guard let drill = waiting.popFirst() else { continue }
                group.addTask { (drill.source, try await Self.recordAndReplay(drill.name, through: drill.source)) }
            }
            return differing
        }
        // The check has teeth through the ECS API too, though a short drill there may not show it:
        // its answers come in whole rounds, so without their timing a few seconds can still match.
        #expect(withoutFidelityFields.contains { $0.0 == .ecs && $0.1 > 0 }, "ECS-API drills without the fidelity fields: \(withoutFidelityFields)")
    }

    /// How long the scenario plays at its speed (seconds).
    private static func length(of name: String) throws -> Double {
        let scenario = try ScenarioParser.load(nameOrPath: name)
        return (scenario.steps.map(\.at).max() ?? 0) / speed(for: scenario, name: name)
    }

    /// Records the drill, checks its replay, and returns how many instants differ when the record
    /// loses what was added for the replay (to show the check has teeth).
    private static func recordAndReplay(_ name: String, through source: Source) async throws -> Int {
        let scenario = try ScenarioParser.load(nameOrPath: name)
        let speed = Self.speed(for: scenario, name: name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fidelity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("drill.jsonl").path
        let drill = "\(name) through \(source.rawValue)"

        let monitor = MonitorConfiguration()
        let writer = try TimelineWriter(path: path)
        var started = ["command": "demo", "interval": String(monitor.pollInterval)]
        if source == .ecs { started["cluster"] = SimulatorConfiguration(taskCount: 1).cluster }
        writer.record(TimelineRecord(time: Date(), kind: .runStarted, fields: started))
        let workers = AgentHTTPClient(configuration: .init(requestTimeout: 6))
        let player = ScenarioPlayer(
            scenario: scenario,
            base: SimulatorConfiguration(host: "127.0.0.1", taskCount: scenario.tasks.count, updateLatency: .milliseconds(360), controlPort: nil),
            playback: RealtimePlaybackClock(speed: speed), sink: TimelineFanOut([writer]), transport: workers)
        try await player.start()
        var endpoints: [Endpoint] = []
        for (index, uri) in player.simulator.agentURIs.enumerated() where source == .agent {
            endpoints.append(try EndpointParser.parse("\(player.label(ofTask: index))=\(uri)"))
        }
        var options = DashboardSession.Options(
            endpoints: endpoints, monitor: monitor, readOnly: false, demo: DemoControls(simulator: player.simulator, tasksFromECSAPI: source == .ecs),
            themes: try ThemeCycle(requested: nil, noColorFlag: false, environment: [:]),
            timeline: MonitorTimelineRecorder(labels: endpoints.map(\.displayName), endpoints: endpoints.map(\.agentURI), sink: writer),
            scenario: player, bell: false)
        if source == .ecs { options.ecs = try ECSDashboardSource.simulated(by: player.simulator, polling: monitor) }
        // About every second of the drill (the command records every few seconds); a little under
        // a second, so ticks a hair less than a second apart do not skip every other one.
        options.frameDigestInterval = 0.9
        let live = Mutex<[(FrameDigestRecord, Frame)]>([])
        options.frameDigestObserver = { record, frame in live.withLock { $0.append((record, frame)) } }
        let terminal = TestBackend(width: 120, height: 40)
        let session = options
        let finished = Task.detached {
            try await DashboardSession.onOwnThread { DashboardSession(options: session).run(on: terminal) }
        }

        // The whole scenario at its speed, then a few seconds more of the world it left behind.
        let length = (scenario.steps.map(\.at).max() ?? 0) / speed
        let deadline = Date().addingTimeInterval(length + 60)
        while !player.currentProgress.finished, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(player.currentProgress.finished, "\(drill) played to its end within \(Int(length + 60)) s")
        try await Task.sleep(for: .seconds(3))
        terminal.type("q")
        let status = try await finished.value
        #expect(status == DashboardSession.quitStatus)
        writer.close()
        try? await player.simulator.shutdown()
        await workers.shutdown()

        let recorded = try #require(TimelineDrill.group(try TimelineReader.read(path: path).records).last)
        let script = ReplayScript(records: recorded.records)
        let checks = ReplayFidelity.check(script)
        let shown = live.withLock { $0 }
        #expect(checks.count == shown.count, "\(drill): every digest the live dashboard took is in the record")
        #expect(Double(checks.count) >= length * 0.8, "\(drill): \(checks.count) digests over \(Int(length)) s")
        var mismatches = 0
        for check in checks where !check.matches {
            mismatches += 1
            guard mismatches <= 3 else { continue }
            let liveFrame = shown.first { $0.0.instant == check.recorded.instant }?.1
            let text = "\(drill) at \(AnswerFields.micros(check.recorded.instant)) µs: live \(check.recorded.digest), replay \(check.replayed)\n"
                + Self.difference(live: liveFrame, replay: check.frame)
            Issue.record(Comment(rawValue: text))
        }
        #expect(mismatches == 0, "\(mismatches) of \(checks.count) recorded instants of \(drill) (at \(Int(speed))x) differ")

        // The check has teeth: the same record without what was added for it (answer timing,
        // heartbeat arrivals, agent clock, endpoints watched from the start) no longer matches.
        let older = ReplayFidelity.check(ReplayScript(records: Self.withoutFidelityFields(recorded.records)))
        let olderDiffering = older.filter { !$0.matches }.count
        #expect(older.count == checks.count && (source == .ecs || olderDiffering > 0),
                "\(drill) without the fidelity fields \(olderDiffering) of \(older.count) instants differ")
        return olderDiffering
    }

    /// `records` as a recorder before the replay fidelity note wrote them.
    private static func withoutFidelityFields(_ records: [TimelineRecord]) -> [TimelineRecord] {
        records.filter { ![TimelineKind.clock, .pollInterval, .taskWatched].contains($0.kind) }.map { record in
            var record = record
            if record.kind != .frameDigest {
                for key in ["received", "sent", "date", "http", "answered", "dates", "taken"] { record.fields[key] = nil }
            }
            return record
        }
    }

    /// The lines that differ (text, then roles), live above replay.
    private static func difference(live: Frame?, replay: Frame) -> String {
        guard let live else { return "(no live frame kept for this instant)" }
        var lines: [String] = []
        for y in 0..<min(live.height, replay.height) {
            let liveText = live.textLines[y], replayText = replay.textLines[y]
            let column = (0..<min(live.width, replay.width)).first { live[$0, y].role != replay[$0, y].role }
            if liveText != replayText {
                lines.append("line \(y) live:   \(liveText)\nline \(y) replay: \(replayText)")
            } else if let column {
                lines.append("line \(y) roles differ from column \(column): live \(live[column, y].role) replay \(replay[column, y].role): \(liveText)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
