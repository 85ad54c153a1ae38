import Foundation
import Testing

/// One drill from two real processes: `simulate --scenario --speed 10 --events F` and a `watch`
/// dashboard in a real terminal (tmux) that joins the drill through `ECS_PROTECT_DRILL_ID` and
/// records into the same file. `timeline F` must tell what the simulator alone tells, plus the
/// dashboard's keys, their outcomes and its alerts.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DrillTwoProcessTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    /// The lines of a review that tell what happened to the world (not who did what), per block.
    private static func worldLines(_ review: String) -> [String: [String]] {
        var blocks: [String: [String]] = [:]
        for block in review.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map(String.init)
            guard let head = lines.first else { continue }
            let key = head.hasPrefix("Review of ") ? "header" : head
            blocks[key] = lines.compactMap { line in
                if line.hasPrefix("Agent down") || line.hasPrefix("ECS API down") || line.hasPrefix("  unprotected while working")
                    || line.hasPrefix("  lapsed") || line.hasPrefix("  error") { return line }
                // Time protected, without the drill's total (the dashboard's records may widen it).
                if line.hasPrefix("  protected ") { return line.components(separatedBy: " of ").first }
                return nil
            }
        }
        return blocks
    }

    @Test(.enabled(if: tmuxAvailable))
    func theSimulatorAndADashboardWriteOneDrillThatReviewsAsTheSimulatorTellsIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-two-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = directory + "/two.yaml"
        // At --speed 10: the job from 1 s to 7 s, charlie lapsing at 18 s, the agent down from 20 s
        // to 24 s, the end at 30 s of wall time. What the simulator serves stays wall time, so the
        // dashboard (alerting 6 s before an expiry) counts charlie down to its lapse as it happens.
        try """
        name: two processes
        tasks:
          - label: alpha
            service: web
          - label: bravo
            service: web
            fault: throttled
          - label: charlie
            service: web
            protected: 3m
        steps:
          - at: 10s
            work: alpha
            for: 1m
            minutes: 10
          - at: 200s
            agent: down
          - at: 240s
            agent: up
          - at: 300s
            note: end of the drill
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let events = directory + "/drill.jsonl"
        let simulate = Process()
        let errPath = directory + "/simulate.err", outPath = directory + "/simulate.out"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        simulate.executableURL = URL(fileURLWithPath: try ProductBinary.path)
        simulate.arguments = ["simulate", "--scenario", scenario, "--speed", "10", "--events", events, "--exit-at-end"]
        simulate.environment = oneShotEnvironment()
        simulate.standardInput = FileHandle.nullDevice
        simulate.standardOutput = FileHandle(forWritingAtPath: outPath)
        simulate.standardError = FileHandle(forWritingAtPath: errPath)
        try simulate.run()
        defer { if simulate.isRunning { kill(simulate.processIdentifier, SIGKILL) } }
        func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        let started = Date()
        while !contents(errPath).contains("export ECS_CLUSTER="), simulate.isRunning, Date().timeIntervalSince(started) < 20 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let exported = contents(errPath).split(separator: "\n").first { $0.hasPrefix("export ECS_PROTECT_DRILL_ID='") }
        let drill = try #require(exported.map { String($0.dropFirst("export ECS_PROTECT_DRILL_ID='".count).dropLast()) },
                                 "\(contents(errPath))")
        let uris = contents(outPath).split(separator: "\n").map(String.init)
        try #require(uris.count == 3, "\(uris)")

        // The dashboard names the tasks its own way: the review must still name each once.
        let endpoints = zip(["web-a", "web-b", "web-c"], uris).map { "--endpoint \($0)=\($1)" }.joined(separator: " ")
        let session = try TmuxSession.runningInShell("watch --alert-before 0.1 --no-bell --events \(events) \(endpoints)", width: 120, height: 30,
                                                     environment: ["ECS_PROTECT_DRILL_ID": drill])
        let up = try session.waitForScreen(timeout: 30) { $0.contains("web-a") && $0.contains("web-c") && $0.contains("ThrottlingException") }
        #expect(up.matched, "\(up.screen)")
        // K on web-a (selected first) and K again; then protect web-b, which is throttled.
        try session.send("K")
        let kept = try session.waitForScreen(timeout: 15) { $0.contains("keeping web-a protected") }
        #expect(kept.matched, "\(kept.screen)")
        try session.send("K")
        let released = try session.waitForScreen(timeout: 15) { $0.contains("no longer kept") }
        #expect(released.matched, "\(released.screen)")
        try session.send("j")
        try session.send("p")
        let deadline = Date().addingTimeInterval(15)
        while !contents(events).contains(#""kind":"put.failed""#) || !contents(events).contains(#""by":"operator""#), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        // The dashboard stays until it has seen charlie lapse.
        let lapseDeadline = Date().addingTimeInterval(30)
        while !contents(events).contains(#""alert":"lapsed""#), Date() < lapseDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try session.send("q")
        let exited = try session.waitForScreen(timeout: 30) { $0.contains("exit=0") }
        #expect(exited.matched, "\(exited.screen)")
        while simulate.isRunning, Date().timeIntervalSince(started) < 90 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!simulate.isRunning && simulate.terminationStatus == 0, "\(contents(errPath))")

        // Every line is a version-1 record of the one drill, from two runs.
        let lines = contents(events).split(separator: "\n")
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == lines.count)
        #expect(records.allSatisfy { ($0["v"] as? Int) == 1 && ($0["drill"] as? String) == drill })
        let runs = Dictionary(grouping: records) { $0["run"] as? String ?? "" }
        #expect(runs.count == 2)
        let simulatorRun = try #require(records.first { $0["kind"] as? String == "run.started"
            && ($0["fields"] as? [String: Any])?["command"] as? String == "simulate" }?["run"] as? String)

        let merged = try await runECSProtect(["timeline", events])
        #expect(merged.status == 0, "\(merged.standardError)")
        let simulatorOnly = directory + "/simulator.jsonl"
        try (lines.filter { $0.contains(#""run":"\#(simulatorRun)""#) }.joined(separator: "\n") + "\n")
            .write(toFile: simulatorOnly, atomically: true, encoding: .utf8)
        let alone = try await runECSProtect(["timeline", simulatorOnly])
        #expect(alone.status == 0, "\(alone.standardError)")

        let text = merged.standardOutput
        #expect(text.contains("Drill \(drill): 2 runs (simulate, watch)"), "\(text)")
        // What happened to the world: the same, to the millisecond, as the simulator alone tells it.
        #expect(Self.worldLines(text) == Self.worldLines(alone.standardOutput), "\(text)\n---\n\(alone.standardOutput)")
        #expect(text.contains("Agent down "), "\(text)")
        let blocks = text.components(separatedBy: "\n\n")
        #expect(!blocks.contains { $0.hasPrefix("web-") }, "one label per task: \(text)")
        let alpha = try #require(blocks.first { $0.hasPrefix("alpha") }, "\(text)")
        #expect(alpha.contains("unprotected while working 0s of "), "\(alpha)")
        #expect(alpha.contains("keep on by ") && alpha.contains("keep off by "), "\(alpha)")
        let bravo = try #require(blocks.first { $0.hasPrefix("bravo") }, "\(text)")
        #expect(bravo.contains("protect 120m by ") && bravo.contains("-> ThrottlingException"), "\(bravo)")
        let charlie = try #require(blocks.first { $0.hasPrefix("charlie") }, "\(text)")
        #expect(charlie.components(separatedBy: "  lapsed ").count == 2, "one lapse, told once: \(charlie)")
        let alerts = records.filter { $0["kind"] as? String == "alert" }.count
        // Every alert the dashboard recorded is listed: charlie's last seconds and its lapse.
        #expect(charlie.range(of: #"alert +[0-9:.]+  expiring, "#, options: .regularExpression) != nil, "\(charlie)")
        #expect(charlie.range(of: #"alert +[0-9:.]+  lapsed(\n|$)"#, options: .regularExpression) != nil, "\(charlie)")
        #expect(alerts >= 2, "\(charlie)")
        #expect(text.components(separatedBy: "\n  alert ").count - 1 == alerts, "\(text)")
    }
}
