import Foundation
import Testing

/// The services view in a real terminal (tmux) on `demo --source ecs --scenario`: a scale-in held
/// back by protection, two tasks released and leaving through STOPPING, the service events, and a
/// deployment waiting on protected old tasks.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct ServicesEndToEndTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    private func command(_ session: TmuxSession, _ text: String) throws {
        try session.type(":" + text)
        try session.send("Enter")
    }

    /// The task table's rows on `screen`: the lines under the TASK heading, up to the first blank
    /// line or the events pane.
    private func tableRows(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let heading = lines.firstIndex(where: { $0.contains("TASK") && $0.contains("STATE") }) else { return [] }
        return Array(lines[(heading + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("──") })
    }

    /// The services view's row of `service`.
    private func row(_ screen: String, _ service: String) -> String {
        screen.split(separator: "\n").first { $0.dropFirst(2).hasPrefix(service + " ") }.map { String($0.dropFirst(2)) } ?? ""
    }

    @Test(.enabled(if: tmuxAvailable))
    func aScaleInAndADeploymentWaitingOnProtection() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-svc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = directory + "/services.yaml"
        // Five tasks protected for half an hour, one for a minute (it lapses before the deployment).
        let tasks = (1...6).map { "  - label: web-\($0)\n    service: web\n    protected: \($0 == 1 ? "1m" : "30m")" }
        try """
        name: services e2e
        services:
          web: 6
        tasks:
        \(tasks.joined(separator: "\n"))
        steps:
          - at: 3s
            scale: web
            desired: 4
          - at: 68s
            deploy: web
          - at: 72s
            note: deployed
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let events = directory + "/events.jsonl"
        let session = try TmuxSession.runningInShell("demo --source ecs --scenario \(scenario) --events \(events)", width: 120, height: 30)

        // 6 -> 4 with all six protected: the verdict says what waits and until when.
        let listed = try session.waitForScreen(timeout: 60) { $0.contains("6 tasks: 6 protected") }
        #expect(listed.matched, "the six protected tasks never showed:\n\(listed.screen)")
        try command(session, "svc")
        let waiting = try session.waitForScreen(timeout: 60) { screen in
            screen.contains("scale-in to 4 waits: 6 running, all 6 protected; first expiry")
        }
        #expect(waiting.matched, "no scale-in verdict:\n\(waiting.screen)")
        print("services view, scale-in waiting:\n\(waiting.screen)")

        // Unprotect two tasks (sorted by time left, the two after the one that lapses first).
        try session.send("Escape")
        // Sorted by time left: s steps label, service, state, remaining time.
        for _ in 0..<3 { try session.send("s") }
        try session.send("j")
        try session.send("Space")
        try session.send("Space")
        try session.send("u")
        let confirm = try session.waitForScreen(timeout: 10) { $0.contains("nprotect 2") }
        #expect(confirm.matched, "no confirmation for two tasks:\n\(confirm.screen)")
        try session.send("y")
        _ = try session.waitForScreen(timeout: 30) { $0.contains("6 tasks: 4 protected") }
        try session.send("r")
        let stopping = try session.waitForScreen(timeout: 60) { screen in
            screen.components(separatedBy: "STOPPING ServiceSchedulerInitiated").count - 1 == 2
        }
        #expect(stopping.matched, "the two released tasks never showed STOPPING:\n\(stopping.screen)")
        print("task view, two tasks stopping:\n\(stopping.screen)")

        try command(session, "svc")
        try session.send("r")
        let four = try session.waitForScreen(timeout: 60) { screen in
            let words = self.row(screen, "web").split(separator: " ").prefix(5).map(String.init)
            return words == ["web", "4", "4", "0", "4/4"]
        }
        #expect(four.matched, "running never became 4:\n\(four.screen)")
        try command(session, "events")
        let serviceEvents = try session.waitForScreen(timeout: 30) { screen in
            screen.contains("has stopped 2 running tasks") && screen.contains("unable to scale in")
        }
        #expect(serviceEvents.matched, "the service events do not show both:\n\(serviceEvents.screen)")
        print("service events:\n\(serviceEvents.screen)")

        // The deployment at 68 s, after web-1's minute ran out: three old tasks still protected hold
        // it back, named.
        try command(session, "svc")
        var deployment = (matched: false, screen: "")
        let deadline = Date().addingTimeInterval(120)
        while !deployment.matched, Date() < deadline {
            try session.send("r")
            deployment = try session.waitForScreen(timeout: 5) { $0.contains("deployment web:2 waits on 3 protected old tasks: web/") }
        }
        #expect(deployment.matched, "no deployment verdict:\n\(deployment.screen)")
        #expect(deployment.screen.contains("PRIMARY web:2") && deployment.screen.contains("ACTIVE web:1"), "\(deployment.screen)")
        print("services view, deployment waiting:\n\(deployment.screen)")

        try session.send("q")
        let exited = try session.waitForScreen(timeout: 30) { $0.contains("exit=0") }
        #expect(exited.matched, "\(exited.screen)")
        let written = (try? String(contentsOfFile: events, encoding: .utf8)) ?? ""
        #expect(written.contains(#""kind":"service.event""#) && written.contains(#""kind":"task.stopping""#))
    }

    /// The navigation path: `:svc`, Enter on a service, a negated filter, then the remaining time
    /// descending — in a real terminal.
    @Test(.enabled(if: tmuxAvailable))
    func fromTheServicesViewToAServicesTasksFilteredAndSorted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-nav-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = directory + "/navigation.yaml"
        try """
        name: navigation e2e
        services:
          web: 2
          worker: 3
        tasks:
          - label: web-1
            service: web
            protected: 20m
          - label: web-2
            service: web
          - label: worker-1
            service: worker
            protected: 10m
          - label: worker-2
            service: worker
            protected: 50m
          - label: web-proxy
            service: worker
            protected: 30m
        steps:
          - at: 1h
            note: end
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let session = try TmuxSession.runningInShell("demo --source ecs --scenario \(scenario)", width: 120, height: 30)
        let listed = try session.waitForScreen(timeout: 60) { $0.contains("5 tasks: 4 protected") }
        #expect(listed.matched, "the tasks never showed:\n\(listed.screen)")

        try command(session, "svc")
        let services = try session.waitForScreen(timeout: 60) { self.row($0, "worker").contains("3") }
        #expect(services.matched, "no services view:\n\(services.screen)")
        // web first, worker second: move to worker and open its tasks (labels are service/task id).
        try session.send("j")
        try session.send("Enter")
        let workers = try session.waitForScreen(timeout: 20) { screen in
            let rows = self.tableRows(screen)
            return rows.count == 3 && rows.allSatisfy { $0.contains("worker/") }
        }
        #expect(workers.matched, "Enter did not open worker's three tasks:\n\(workers.screen)")

        // A negated filter on top of the service: the three worker rows stay, no web row comes back.
        try session.type("/!web")
        try session.send("Enter")
        let filtered = try session.waitForScreen(timeout: 10) { $0.contains("filter: !web") && $0.contains("service: worker") }
        #expect(filtered.matched && tableRows(filtered.screen).count == 3, "the negated filter:\n\(filtered.screen)")

        for _ in 0..<3 { try session.send("s") }
        try session.send("I")
        let sorted = try session.waitForScreen(timeout: 10) { $0.contains("sorted by remaining time, descending") }
        #expect(sorted.matched, "no descending sort:\n\(sorted.screen)")
        // 50, 30 and 10 minutes were given: the countdowns read 49m…, 29m…, 9m… top to bottom.
        let minutes = tableRows(sorted.screen).compactMap { row in
            row.split(separator: " ").first { $0.hasSuffix("s") && $0.contains("m") }.flatMap { Int($0.prefix { $0.isNumber }) }
        }
        #expect(minutes.count == 3 && minutes == minutes.sorted(by: >), "not longest first: \(minutes)\n\(sorted.screen)")
        print("services → worker's tasks → /!web → remaining time descending:\n\(sorted.screen)")
        try session.send("q")
    }
}
