import Foundation
import Testing

/// `ecs-protect watch NAME` on a target set that names a cluster selection: `simulate` in the
/// background, the set in the config file, the dashboard in a real terminal (tmux).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct WatchClusterSetTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    private func header(_ screen: String) -> String { screen.split(separator: "\n").first.map(String.init) ?? "" }

    @Test(.enabled(if: tmuxAvailable))
    func aSavedClusterSetOpensItsServicesTasks() async throws {
        let simulator = try SimulateInBackground(["--tasks", "6"])
        var environment = try await simulator.environment()
        // The region comes from the set alone: without it the ECS API could not be reached.
        environment["AWS_REGION"] = ""
        environment["AWS_DEFAULT_REGION"] = ""
        let home = try ConfigHome()
        try home.write("""
            [targets.game-day]
            cluster = "\(environment["ECS_CLUSTER"] ?? "demo")"
            service = "web"
            region = "us-west-2"
            interval = 3

            """)
        environment["XDG_CONFIG_HOME"] = home.directory
        let session = try TmuxSession.runningInShell("watch game-day", width: 120, height: 30, environment: environment)

        // Tasks 0 and 3 of six belong to web.
        let ready = try session.waitForScreen(timeout: 60) { self.header($0).contains("2 tasks: 0 protected, 2 unprotected") }
        #expect(ready.matched, "the set's service never appeared:\n\(ready.screen)")
        #expect(ready.screen.contains("ECS API"), "the header names the source:\n\(ready.screen)")
        #expect(ready.screen.contains("poll every 3s"), "the set's interval is not applied:\n\(ready.screen)")
        #expect(ready.screen.contains("  web/"), "rows are the web service's tasks:\n\(ready.screen)")
        #expect(!ready.screen.contains("  api/") && !ready.screen.contains("  worker/"), "\(ready.screen)")

        try session.type("q")
        let back = try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }
        #expect(back.matched, "no clean exit:\n\(back.screen)")
    }
}
