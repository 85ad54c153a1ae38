import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Findings 6 and 10: events and log files that are not regular files are refused in plain words
/// without blocking at open (a FIFO blocked, a directory said "NSCocoaErrorDomain error 256",
/// `/dev/full` and `/dev/tty` were accepted); lost writes end the run with 74, not 0; `config`
/// and `timeline` check their output.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct OutputFileTests {
    static let story = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Scenarios/seeded-story.yaml").standardized.path

    final class Scratch {
        let directory: String
        init() throws {
            directory = FileManager.default.temporaryDirectory.path + "/ecs-protect-files-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory + "/dir", withIntermediateDirectories: true)
            #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        }
        deinit { try? FileManager.default.removeItem(atPath: directory) }
        var fifo: String { directory + "/fifo" }
        var subdirectory: String { directory + "/dir" }
    }

    static func run(_ arguments: [String], output: ChildOutput = .captured) async throws -> (ProcessResult, TimeInterval) {
        let started = Date()
        let result = try await runECSProtect(arguments, timeout: 20, output: output)
        return (result, Date().timeIntervalSince(started))
    }

    @Test func eventsAndLogFilesMustBeRegularFiles() async throws {
        let scratch = try Scratch()
        let cases: [(String, String)] = [
            (scratch.fifo, "is a named pipe (FIFO), not a regular file"),
            (scratch.subdirectory, "is a directory, not a regular file"),
            ("/dev/full", "is a device, not a regular file"),
            ("/dev/null", "is a device, not a regular file"),
        ]
        for (path, reason) in cases {
            for command in [["demo"], ["watch", "--endpoint", "http://127.0.0.1:1/api/x"]] {
                let (events, seconds) = try await Self.run(command + ["--events", path])
                #expect(events.status == 64, "\(command) --events \(path): \(events.status) \(events.standardError)")
                #expect(events.standardError.contains(reason), "\(events.standardError)")
                #expect(!events.standardError.contains("NSCocoaErrorDomain"))
                #expect(seconds < 10, "blocked at open: \(seconds) s")
                let (log, logSeconds) = try await Self.run(command + ["--log-file", path])
                #expect(log.status == 64, "\(command) --log-file \(path): \(log.status) \(log.standardError)")
                #expect(log.standardError.contains("--log-file: cannot open") && log.standardError.contains(reason),
                        "\(log.standardError)")
                #expect(logSeconds < 10, "blocked at open: \(logSeconds) s")
            }
        }
        // simulate --scenario writes its events file as it plays: the same checks.
        let (simulate, _) = try await Self.run(["simulate", "--scenario", Self.story, "--events", scratch.fifo])
        #expect(simulate.status == 64 && simulate.standardError.contains("named pipe"), "\(simulate.standardError)")
    }

    @Test func filesReadMustBeRegularFilesAndNeverBlockAtOpen() async throws {
        let scratch = try Scratch()
        for path in [scratch.fifo, scratch.subdirectory] {
            let word = path == scratch.fifo ? "named pipe (FIFO)" : "directory"
            let (timeline, seconds) = try await Self.run(["timeline", path])
            #expect(timeline.status == 64, "\(timeline.standardError)")
            #expect(timeline.standardError.contains("is a \(word), not a regular file"), "\(timeline.standardError)")
            #expect(!timeline.standardError.contains("NSCocoaErrorDomain"), "\(timeline.standardError)")
            #expect(seconds < 10)
            let (scenario, scenarioSeconds) = try await Self.run(["simulate", "--scenario", path])
            #expect(scenario.status == 64 && scenario.standardError.contains("is a \(word)"), "\(scenario.standardError)")
            #expect(scenarioSeconds < 10)
            let (list, listSeconds) = try await Self.run(["get", "--endpoints-from", path])
            #expect(list.status == 64 && list.standardError.contains("is a \(word)"), "\(list.standardError)")
            #expect(listSeconds < 10)
        }
    }

    @Test func configAndTimelineCheckTheirOutput() async throws {
        let scratch = try Scratch()
        let (config, _) = try await Self.run(["config"], output: .path("/dev/full"))
        #expect(config.status == 74, "\(config.status) \(config.standardError)")
        #expect(config.standardError.contains("cannot write to standard output"))
        let events = scratch.directory + "/events.jsonl"
        try Data(#"{"time":"2026-11-27T18:00:00.000Z","kind":"note","fields":{"text":"x"}}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: events))
        let (fine, _) = try await Self.run(["timeline", events])
        #expect(fine.status == 0, "\(fine.standardError)")
        let (full, _) = try await Self.run(["timeline", events], output: .path("/dev/full"))
        #expect(full.status == 74, "\(full.status) \(full.standardError)")
        #expect(full.standardError.contains("cannot write to standard output"))
    }

    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    /// Events and log lines that cannot be written (here: past `ulimit -f`, so every write after
    /// the first kilobyte fails with EFBIG) are said on standard error and end the run with 74.
    @Test(.enabled(if: tmuxAvailable))
    func lostEventsAndLogLinesEndTheDashboardWith74() throws {
        let scratch = try Scratch()
        let events = scratch.directory + "/events.jsonl"
        let log = scratch.directory + "/log.txt"
        let session = try TmuxSession(command: "env PS1='e2e$ ' bash --norc --noprofile", width: 120, height: 40)
        _ = try session.waitForScreen(timeout: 10) { $0.contains("e2e$") }
        try session.type("ulimit -f 1; \(try ProductBinary.path) demo --events \(events) --log-file \(log); echo \"exit=$?\"")
        try session.send("Enter")
        let ready = try session.waitForScreen(timeout: 30) { $0.contains("api-1") && $0.contains("DEMO") }
        #expect(ready.matched, "the demo never drew:\n\(ready.screen)")
        // Let the monitor record every task's first state (more than the 1 KiB allowed).
        Thread.sleep(forTimeInterval: 2)
        try session.type("q")
        // The typed command line itself shows `exit=$?`: wait for the status the shell printed.
        let back = try session.waitForScreen(timeout: 15) { $0.range(of: #"exit=\d+"#, options: .regularExpression) != nil }
        #expect(back.screen.contains("exit=74"), "\(back.screen)")
        #expect(back.screen.contains("events could not be written to \(scratch.directory)"), "\(back.screen)")
        #expect(back.screen.contains("could not be written to \(scratch.directory)/log"),
                "\(back.screen)")
    }
}
