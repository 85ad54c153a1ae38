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
@Suite(.utf8Locale, .serialized) struct ReplayFidelityTests {
    /// The fastest speed the scenario's workers can be played at (their minutes must stay whole).
    private static func speed(for scenario: Scenario, name: String) -> Double {
        [30.0, 20, 15, 10, 6, 5, 3, 2, 1].first { speed in (try? ScenarioSpeed.check(scenario, speed: speed, file: name)) != nil } ?? 1
    }

    @Test(arguments: ScenarioParser.bundled.map(\.name))
    func aRecordedDrillReplaysWithTheLiveDigestAtEveryRecordedInstant(_ name: String) async throws {
        let scenario = try ScenarioParser.load(nameOrPath: name)
        let speed = Self.speed(for: scenario, name: name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fidelity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("drill.jsonl").path

        let monitor = MonitorConfiguration()
        let writer = try TimelineWriter(path: path)
        writer.record(TimelineRecord(time: Date(), kind: .runStarted, fields: ["command": "demo", "interval": String(monitor.pollInterval)]))
        let workers = AgentHTTPClient(configuration: .init(requestTimeout: 6))
        let player = ScenarioPlayer(
            scenario: scenario,
            base: SimulatorConfiguration(host: "127.0.0.1", taskCount: scenario.tasks.count, updateLatency: .milliseconds(360), controlPort: nil),
            playback: RealtimePlaybackClock(speed: speed), sink: TimelineFanOut([writer]), transport: workers)
        try await player.start()
        var endpoints: [Endpoint] = []
        for (index, uri) in player.simulator.agentURIs.enumerated() {
            endpoints.append(try EndpointParser.parse("\(player.label(ofTask: index))=\(uri)"))
        }
        var options = DashboardSession.Options(
            endpoints: endpoints, monitor: monitor, readOnly: false, demo: DemoControls(simulator: player.simulator),
            themes: try ThemeCycle(requested: nil, noColorFlag: false, environment: [:]),
            timeline: MonitorTimelineRecorder(labels: endpoints.map(\.displayName), endpoints: endpoints.map(\.agentURI), sink: writer),
            scenario: player, bell: false)
        // Every second of the drill (the command records every few seconds).
        options.frameDigestInterval = 1
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
        #expect(player.currentProgress.finished, "\(name) played to its end within \(Int(length + 60)) s")
        try await Task.sleep(for: .seconds(3))
        terminal.type("q")
        let status = try await finished.value
        #expect(status == DashboardSession.quitStatus)
        writer.close()
        try? await player.simulator.shutdown()
        await workers.shutdown()

        let drill = try #require(TimelineDrill.group(try TimelineReader.read(path: path).records).last)
        let script = ReplayScript(records: drill.records)
        let checks = ReplayFidelity.check(script)
        let shown = live.withLock { $0 }
        #expect(checks.count == shown.count, "every digest the live dashboard took is in the record")
        #expect(Double(checks.count) >= length * 0.8, "\(checks.count) digests over \(Int(length)) s")
        var mismatches = 0
        for check in checks where !check.matches {
            mismatches += 1
            guard mismatches <= 3 else { continue }
            let liveFrame = shown.first { $0.0.instant == check.recorded.instant }?.1
            let text = "\(name) at \(AnswerFields.micros(check.recorded.instant)) µs: live \(check.recorded.digest), replay \(check.replayed)\n"
                + Self.difference(live: liveFrame, replay: check.frame)
            Issue.record(Comment(rawValue: text))
        }
        #expect(mismatches == 0, "\(mismatches) of \(checks.count) recorded instants of \(name) (at \(Int(speed))x) differ")

        // The check has teeth: the same record without what was added for it (answer timing,
        // heartbeat arrivals, agent clock, endpoints watched from the start) no longer matches.
        let older = ReplayFidelity.check(ReplayScript(records: Self.withoutFidelityFields(drill.records)))
        #expect(older.count == checks.count && older.contains { !$0.matches },
                "without the fidelity fields \(older.filter { !$0.matches }.count) of \(older.count) instants differ")
    }

    /// `records` as a recorder before the replay fidelity note wrote them.
    private static func withoutFidelityFields(_ records: [TimelineRecord]) -> [TimelineRecord] {
        records.filter { ![TimelineKind.clock, .pollInterval, .taskWatched].contains($0.kind) }.map { record in
            var record = record
            if record.kind != .frameDigest {
                for key in ["received", "sent", "date", "http", "answered", "dates"] { record.fields[key] = nil }
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
