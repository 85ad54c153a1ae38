import Foundation
import Testing

/// `ecs-protect watch NAME` in a real terminal: the saved set's tasks and options, from the config
/// file, on the simulator; and `--log-file` recording what happened without touching the screen.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct WatchTargetSetTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    private func row(_ label: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.dropFirst(3).hasPrefix(label + " ") }
    }

    @Test(.enabled(if: tmuxAvailable))
    func aSavedSetOpensWithItsOwnOptionsAndTheLogGoesToTheFile() async throws {
        let simulator = try await SimulateProcess(["--tasks", "2"], taskCount: 2)
        defer { simulator.kill() }
        let home = try ConfigHome()
        try home.write("""
            [dashboard]
            interval = 1

            [targets.game-day]
            endpoints = ["alpha=\(simulator.agentURIs[0])", "bravo=\(simulator.agentURIs[1])"]
            read-only = true

            """)
        let logPath = home.directory + "/watch.log"

        let session = try TmuxSession.runningInShell("watch game-day --log-file \(logPath)", width: 120, height: 40, environment: ["XDG_CONFIG_HOME": home.directory])

        let ready = try session.waitForScreen(timeout: 30) { screen in
            row("alpha", in: screen)?.contains("UNPROTECTED") == true && row("bravo", in: screen)?.contains("UNPROTECTED") == true
        }
        #expect(ready.matched, "the set's tasks never appeared:\n\(ready.screen)")
        #expect(ready.screen.contains("READ-ONLY"), "read-only = true of the set is not applied:\n\(ready.screen)")

        // Read-only from the set: `p` sends nothing, so the row stays UNPROTECTED.
        try session.type("p")
        try session.type("r")
        try await Task.sleep(for: .seconds(2))
        let after = try session.capture()
        #expect(row("alpha", in: after)?.contains("UNPROTECTED") == true, "\(after)")
        #expect(!after.contains("dashboard started"), "a log line reached the screen:\n\(after)")

        try session.type("q")
        let back = try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }
        #expect(back.matched, "no clean exit:\n\(back.screen)")

        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        let lines = log.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("info ecs-protect.watch: dashboard started") == true, "\(log.prefix(600))")
        #expect(lines.first?.contains("set=game-day") == true)
        #expect(lines.first?.contains("read-only=true") == true)
        #expect(lines.first?.contains("interval=1.0") == true)
        #expect(lines.contains { $0.contains(": GET answered: unprotected") && $0.contains("target=alpha") && $0.contains("status=200") }, "\(log.prefix(1500))")
        #expect(lines.contains { $0.contains(": refresh") }, "the r key is not in the log")
        #expect(lines.contains { $0.contains("quit requested") })
        #expect(lines.last?.contains("dashboard ended status=0") == true, "\(lines.last ?? "")")
        #expect(!lines.contains { $0.contains(": PUT") }, "read-only sent a PUT")
        // Every line starts with a UTC timestamp.
        for line in lines {
            #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trace|debug|info|notice|warning|error|critical) "#,
                               options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func oneShotCommandsTakeASavedSetByName() async throws {
        let simulator = try await SimulateProcess(["--tasks", "2"], taskCount: 2)
        defer { simulator.kill() }
        let home = try ConfigHome()
        try home.write("""
            [targets.pair]
            endpoints = ["alpha=\(simulator.agentURIs[0])", "bravo=\(simulator.agentURIs[1])"]

            """)
        let protect = try await home.run(["protect", "pair", "--minutes", "15", "--json"])
        #expect(protect.status == 0, "\(protect.standardError)")
        let protected = try parseReport(protect)
        #expect(protected.compactMap { $0["label"] as? String } == ["alpha", "bravo"], "\(protected)")
        let get = try await home.run(["get", "pair", "--json"])
        #expect(get.status == 0, "\(get.standardError)")
        #expect(try parseReport(get).allSatisfy { ($0["protection"] as? [String: Any])?["ProtectionEnabled"] as? Bool == true })
        let both = try await home.run(["get", "pair", "--endpoint", simulator.agentURIs[0]])
        #expect(both.status == 64)
        #expect(both.standardError.contains("not both"), "\(both.standardError)")
    }

    @Test func aLogFileThatCannotBeOpenedIsAUsageError() async throws {
        let home = try ConfigHome()
        let result = try await home.run(["watch", "--endpoint", "http://127.0.0.1:1/api/x", "--log-file", home.directory + "/missing/dir/log"])
        // Checked before the terminal is: a wrong path is reported even from a script.
        #expect(result.status == 64, "\(result.status) \(result.standardError)")
        #expect(result.standardError.contains("--log-file: cannot open"), "\(result.standardError)")
        #expect(result.standardError.contains("No such file or directory"))
    }
}
