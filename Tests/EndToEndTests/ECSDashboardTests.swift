import Foundation
import Testing

/// `ecs-protect watch --cluster …` as a newcomer runs it: `simulate` in the background, its
/// export lines in the environment, the dashboard in a real terminal (tmux).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ECSDashboardTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    private func header(_ screen: String) -> String { screen.split(separator: "\n").first.map(String.init) ?? "" }

    @Test(.enabled(if: tmuxAvailable))
    func aClusterOf250TasksProtectedTenPerCall() async throws {
        let simulator = try SimulateInBackground(["--tasks", "250"])
        let environment = try await simulator.environment()
        let session = try TmuxSession.runningInShell("watch --cluster demo --interval 5", width: 120, height: 40, environment: environment)

        let ready = try session.waitForScreen(timeout: 60) { screen in
            self.header(screen).contains("250 tasks: 0 protected, 250 unprotected")
        }
        #expect(ready.matched, "the cluster's tasks never all answered:\n\(ready.screen)")
        #expect(ready.screen.contains("ECS API demo:"), "the header names the source")
        // In the first minute the header counts the calls so far; after it, a rate.
        #expect(ready.screen.contains("calls/min") || ready.screen.contains(" calls in "), "\(ready.screen)")
        #expect(ready.screen.contains("poll every 5s"))
        #expect(ready.screen.contains("  api/"), "rows are labelled service/short id, sorted by label")

        // Every web task (84 of 250) through the filter, marked and protected: 9 calls of ≤ 10.
        try session.type("/web/")
        try session.send("Enter")
        try session.type("a")
        let before = try simulator.apiRequests()
        try session.type("p")
        let protected = try session.waitForScreen(timeout: 60) { self.header($0).contains("250 tasks: 84 protected") }
        #expect(protected.matched, "the web tasks never all showed protected:\n\(protected.screen)")
        let after = try simulator.apiRequests()
        // 9 UpdateTaskProtection calls, plus at most a few polls (3 per 5 s round) meanwhile.
        #expect(after - before >= 9 && after - before <= 9 + 12, "calls: \(after - before)")

        try session.type("q")
        let back = try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }
        #expect(back.matched, "no clean exit:\n\(back.screen)")

        // The newcomer's command: one service.
        try session.type("\(try ProductBinary.path) watch --cluster demo --service web; echo \"exit=$?\"")
        try session.send("Enter")
        let web = try session.waitForScreen(timeout: 60) { self.header($0).contains("84 tasks: 84 protected") }
        #expect(web.matched, "watch --service web:\n\(web.screen)")
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }

    @Test(.enabled(if: tmuxAvailable))
    func theLogFileNamesClusterTasksByTheirLabels() async throws {
        let simulator = try SimulateInBackground(["--tasks", "3"])
        let environment = try await simulator.environment()
        let logPath = NSTemporaryDirectory() + "ecs-watch-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let session = try TmuxSession.runningInShell("watch --cluster demo --log-file \(logPath)", width: 120, height: 30, environment: environment)
        let ready = try session.waitForScreen(timeout: 60) { self.header($0).contains("3 tasks: 0 protected") }
        #expect(ready.matched, "\(ready.screen)")
        // The selected (first) row's label, as the table shows it.
        let label = ready.screen.split(separator: "\n").first { $0.hasPrefix(">") }?
            .split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        let selected = try #require(label, "\(ready.screen)")
        try session.type("p")
        #expect(try session.waitForScreen(timeout: 30) { self.header($0).contains("3 tasks: 1 protected") }.matched)
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)

        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        let protect = log.split(separator: "\n").first { $0.contains(": protect 120 min") }.map(String.init)
        #expect(protect?.contains("targets=\(selected)") == true, "\(selected) not named in: \(protect ?? log)")
        #expect(!log.contains("targets=#"), "a task named by its index:\n\(log)")
        #expect(log.split(separator: "\n").first?.contains("cluster=demo") == true, "\(log.prefix(300))")
    }

    @Test(.enabled(if: tmuxAvailable))
    func missingCredentialsAreOneLineAndExit64() async throws {
        let simulator = try SimulateInBackground(["--tasks", "1"])
        var environment = try await simulator.environment()
        environment["AWS_ACCESS_KEY_ID"] = ""
        environment["AWS_SECRET_ACCESS_KEY"] = ""
        let session = try TmuxSession.runningInShell("watch --cluster demo", width: 120, height: 20, environment: environment)
        let done = try session.waitForScreen(timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("exit=") }
        }
        #expect(done.screen.contains("exit=64"), "\(done.screen)")
        #expect(done.screen.contains("no AWS credentials found"))
    }
}
