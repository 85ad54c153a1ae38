import Foundation
import Testing

/// `simulate --scenario`, `timeline` and `protect --keep` as a user runs them.
@Suite(.serialized) struct DrillCommandTests {
    private static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Scenarios").standardized.path

    /// A background `ecs-protect …` whose standard output and error go to files.
    final class Background {
        let process = Process()
        let outPath: String
        let errPath: String

        init(_ arguments: [String], directory: String, environment: [String: String] = [:]) throws {
            outPath = directory + "/out-\(UUID().uuidString)"
            errPath = directory + "/err-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: try ProductBinary.path)
            process.arguments = arguments
            process.environment = oneShotEnvironment().merging(environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle(forWritingAtPath: outPath)
            process.standardError = FileHandle(forWritingAtPath: errPath)
            try process.run()
        }

        var output: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
        var errors: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

        /// Waits (up to `timeout`) until `condition` holds.
        func wait(timeout: TimeInterval = 30, until condition: (Background) -> Bool) async throws -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while !condition(self), Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            return condition(self)
        }

        func waitForExit(timeout: TimeInterval = 30) async throws -> Int32? {
            guard try await wait(timeout: timeout, until: { !$0.process.isRunning }) else { return nil }
            return process.terminationStatus
        }

        func kill() {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        }
    }

    private func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-drill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aBadScenarioIsRefusedWithItsLine() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bad.yaml"
        try "name: bad\ntasks:\n  - label: a\nsteps:\n  - at: soon\n    agent: down\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await runECSProtect(["simulate", "--scenario", path])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("ecs-protect simulate: \(path):5: 'at' must be a time"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let conflicting = try await runECSProtect(["simulate", "--scenario", path, "--fault", "0=throttled"])
        #expect(conflicting.status == 64)
        // A worker's 15 minutes at --speed 10 would be a minute and a half: the agent takes whole minutes.
        let shipped = Self.scenarios + "/ecs-api-throttled.yaml"
        let tooFast = try await runECSProtect(["simulate", "--scenario", shipped, "--speed", "10"])
        #expect(tooFast.status == 64 && tooFast.standardOutput.isEmpty)
        #expect(tooFast.standardError.hasPrefix("ecs-protect simulate: \(shipped):25: at --speed 10 the worker's 15 minutes"), "\(tooFast.standardError)")
    }

    @Test func aScenarioPlaysToTheEndAndItsTimelineIsReviewed() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let events = directory + "/drill.jsonl"
        let simulate = try Background(["simulate", "--scenario", Self.scenarios + "/seeded-story.yaml", "--events", events,
                                       "--speed", "10", "--exit-at-end", "--ecs-timeout", "0.2"], directory: directory)
        defer { simulate.kill() }
        let status = try await simulate.waitForExit(timeout: 60)
        #expect(status == 0, "\(simulate.errors)")
        #expect(simulate.output.split(separator: "\n").count == 8)
        #expect(simulate.errors.contains("scenario: The seeded story (8 steps)"))
        #expect(simulate.errors.contains("[2m] step 4/8: agent down"))
        #expect(simulate.errors.contains("scenario finished"))

        let review = try await runECSProtect(["timeline", events])
        #expect(review.status == 0, "\(review.standardError)")
        #expect(review.standardError.isEmpty)
        let text = review.standardOutput
        #expect(text.contains("Scenario: The seeded story"))
        // Three seconds of wall time, thirty seconds of scenario time (at 10x, a loaded machine's
        // delays are stretched as much).
        #expect(text.range(of: #"Agent down [0-9.]+s \([0-9:.]+ to [0-9:.]+; (2[5-9]|3[0-5])s of scenario time\)"#,
                           options: .regularExpression) != nil, "\(text)")
        let worker = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("worker-1") })
        #expect(worker.contains("lapsed"), "\(worker)")
        let ingest = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("ingest-1") })
        // Three minutes of scenario time, give or take the moments a loaded machine adds at 10x.
        let throttled = ingest.range(of: #"error {21}ThrottlingException for [0-9.]+s \(.*; (2m5\ds|3m0\ds) of scenario time\)"#,
                                     options: .regularExpression)
        #expect(throttled != nil, "\(ingest)")
    }

    /// Every event recorded before a `kill -9` is in the file, each line whole.
    @Test func theEventsFileSurvivesKillMinus9() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = directory + "/steady.yaml"
        let steps = (0..<200).map { "  - at: \($0 * 100)ms\n    note: step \($0)\n" }.joined()
        try "name: steady\ntasks:\n  - label: a\nsteps:\n\(steps)".write(toFile: scenario, atomically: true, encoding: .utf8)
        let events = directory + "/events.jsonl"
        let simulate = try Background(["simulate", "--scenario", scenario, "--events", events], directory: directory)
        defer { simulate.kill() }
        // Wait until a few steps have run, then kill without warning.
        #expect(try await simulate.wait { $0.errors.contains("step 12/200") })
        simulate.kill()
        _ = try await simulate.waitForExit()
        #expect(simulate.process.terminationReason == .uncaughtSignal)
        let announced = simulate.errors.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "step ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.max() ?? 0
        #expect(announced >= 12)
        let text = try String(contentsOfFile: events, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == lines.count, "every line is a whole JSON object")
        let stepNumbers = records.filter { $0["kind"] as? String == "scenario.step" }
            .compactMap { ($0["fields"] as? [String: Any])?["step"] as? String }.compactMap(Int.init)
        #expect(Array(stepNumbers.prefix(announced)) == Array(1...announced), "every step announced before the kill is in the file")
        #expect(records.prefix(2).map { $0["kind"] as? String } == ["run.started", "scenario.started"])
    }

    @Test func protectKeepRenewsUntilInterruptedAndSaysHowLongProtectionLasts() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let simulator = try await SimulateProcess(["--tasks", "2"], taskCount: 2)
        defer { simulator.kill() }
        let keep = try Background(["protect", "--keep", "--minutes", "30",
                                   "--endpoint", "a=\(simulator.agentURIs[0])", "--endpoint", "b=\(simulator.agentURIs[1])"],
                                  directory: directory)
        defer { keep.kill() }
        #expect(try await keep.wait { $0.output.contains(" a protected until") && $0.output.contains(" b protected until") },
                "\(keep.output)\(keep.errors)")
        #expect(keep.process.isRunning, "it stays in the foreground")
        keep.process.interrupt()
        let status = try await keep.waitForExit()
        #expect(status == 0, "\(keep.errors)")
        #expect(keep.output.contains("a stays protected until"), "\(keep.output)")
        #expect(keep.output.contains("(29m5") || keep.output.contains("(30m00s") || keep.output.contains("(29m4"), "\(keep.output)")
        let get = try await runECSProtect(["get", "--json", "--endpoint", simulator.agentURIs[0]])
        #expect(get.standardOutput.contains(#""ProtectionEnabled": true"#))
        let refused = try await runECSProtect(["protect", "--keep", "--json", "--endpoint", simulator.agentURIs[0]])
        #expect(refused.status == 64)
    }

    /// `protect`, `get` and `unprotect --events` record what each target was asked and answered
    /// into the drill they are given; `timeline` lists the drills and reviews the one asked for.
    @Test func oneShotCommandsRecordTheirOutcomesIntoTheDrillTheyJoin() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let simulator = try await SimulateProcess(["--tasks", "3", "--fault", "1=throttled", "--fault", "2=task-not-valid"], taskCount: 3)
        defer { simulator.kill() }
        let events = directory + "/drill.jsonl"
        let endpoints = zip(["a", "b", "c"], simulator.agentURIs).flatMap { ["--endpoint", "\($0)=\($1)"] }
        let protect = try await runECSProtect(["protect", "--minutes", "30", "--events", events, "--drill", "gameday-1"] + endpoints)
        #expect(protect.standardOutput.contains("ThrottlingException"), "\(protect.standardOutput)")
        _ = try await runECSProtect(["get", "--events", events, "--drill", "gameday-1"] + endpoints)
        // Without a drill, a run is a drill of its own.
        _ = try await runECSProtect(["unprotect", "--events", events] + endpoints.prefix(2))
        let refused = try await runECSProtect(["get", "--events", events, "--drill", "two words"] + endpoints)
        #expect(refused.status == 64 && refused.standardError.contains("--drill must be"), "\(refused.standardError)")

        let list = try await runECSProtect(["timeline", "--list", events])
        let drills = list.standardOutput.split(separator: "\n")
        #expect(drills.count == 2, "\(list.standardOutput)")
        #expect(drills.first?.hasPrefix("gameday-1  ") == true && drills.first?.contains("2 runs (protect, get)") == true, "\(list.standardOutput)")

        let review = try await runECSProtect(["timeline", "--drill", "gameday-1", events])
        #expect(review.status == 0 && review.standardError.isEmpty, "\(review.standardError)")
        let blocks = review.standardOutput.components(separatedBy: "\n\n")
        func block(_ label: String) -> String { blocks.first { $0.hasPrefix(label + "  arn:") } ?? "" }
        #expect(block("a").contains("protect 30m by ") && block("a").contains("-> ok"), "\(review.standardOutput)")
        #expect(block("b").contains("-> ThrottlingException"), "\(review.standardOutput)")
        #expect(block("c").contains("-> TASK_NOT_VALID"), "\(review.standardOutput)")
        #expect(!review.standardOutput.contains("unprotect by"))

        let last = try await runECSProtect(["timeline", events])
        #expect(last.standardError.contains("2 drills in the file; reviewing the last"), "\(last.standardError)")
        #expect(last.standardOutput.contains("unprotect by "), "\(last.standardOutput)")
        let missing = try await runECSProtect(["timeline", "--drill", "gameday-2", events])
        #expect(missing.status != 0 && missing.standardError.contains("no drill gameday-2"))
    }
}
