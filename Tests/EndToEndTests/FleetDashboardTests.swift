import Foundation
import Testing

/// One dashboard on two clusters in two simulated regions (`simulate --regions 2`), in a real
/// terminal (tmux): one region taken down, the other keeps updating.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct FleetDashboardTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    /// Cursor, mark and a space before each row's label.
    private enum TableLinePrefix { static let width = 3 }

    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// "6 tasks: 2 protected, 4 unprotected, …": the total and the buckets' sum.
    private func counts(_ screen: String) -> (total: Int, sum: Int)? {
        guard let title = lines(screen).first, let range = title.range(of: #"\d+ tasks: [^│]*"#, options: .regularExpression) else { return nil }
        let numbers = title[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let total = numbers.first else { return nil }
        return (total, numbers.dropFirst().reduce(0, +))
    }

    /// The ANSWERED ages (seconds) of the rows of `source`.
    private func ages(_ screen: String, source: String) -> [Int] {
        lines(screen).filter { $0.dropFirst(TableLinePrefix.width).hasPrefix(source + " ") }.compactMap { line in
            // The ANSWERED column: "0s" or "STALE 10s", the only age between spaces on a row.
            line.range(of: #" \d+s "#, options: .regularExpression).flatMap { Int(line[$0].dropFirst().dropLast(2)) }
        }
    }

    /// How many rows of `source` show STALE.
    private func staleRows(_ screen: String, source: String) -> Int {
        lines(screen).filter { $0.dropFirst(TableLinePrefix.width).hasPrefix(source + " ") && $0.contains(" STALE") }.count
    }

    @Test(.enabled(if: tmuxAvailable))
    func oneRegionDownTheOtherKeepsUpdating() async throws {
        let simulator = try SimulateInBackground(["--tasks", "3", "--regions", "2"])
        let environment = try await simulator.environment()
        let clusters = try #require(environment["ECS_CLUSTERS"])
        #expect(clusters == "us-west-2/demo us-east-1/demo")
        let arguments = clusters.split(separator: " ").map { "--cluster \($0)" }.joined(separator: " ")
        let session = try TmuxSession.runningInShell("watch \(arguments) --interval 1", width: 120, height: 20, environment: environment)

        let ready = try session.waitForScreen(timeout: 60) { $0.contains("6 tasks: 0 protected, 6 unprotected") }
        #expect(ready.matched, "both regions' tasks never answered:\n\(ready.screen)")
        print("fleet screen, both regions up:\n\(ready.screen)")
        #expect(ready.screen.contains("us-west-2/demo, us-east-1/demo"), "the header names both clusters")
        #expect(ages(ready.screen, source: "us-west-2/demo").count == 3 && ages(ready.screen, source: "us-east-1/demo").count == 3,
                "every row names its cluster:\n\(ready.screen)")

        let down = try simulator.control("PUT", "/control/regions/us-east-1", body: #"{"down":true}"#)
        #expect(down["down"] as? Bool == true)
        let outage = try session.waitForScreen(timeout: 30) { $0.contains("us-east-1/demo failing for") && $0.contains("STALE") }
        #expect(outage.matched, "the header never said which region is down:\n\(outage.screen)")
        try await Task.sleep(for: .seconds(4))
        let later = try session.capture()
        print("fleet screen, us-east-1 down:\n\(later)")
        // The west keeps answering (ages of a poll or two, never STALE); every east row is STALE
        // (its 503s are answers of a kind, so their age stays short, but none is usable).
        let west = ages(later, source: "us-west-2/demo"), east = ages(later, source: "us-east-1/demo")
        #expect(west.count == 3 && west.allSatisfy { $0 <= 3 }, "the up region stopped updating:\n\(later)")
        #expect(east.count == 3, "\(later)")
        #expect(staleRows(later, source: "us-east-1/demo") == 3 && staleRows(later, source: "us-west-2/demo") == 0,
                "only the down region's rows are STALE:\n\(later)")
        #expect(lines(later).first?.contains("us-west-2") == false, "only the down cluster is named failing")
        let tally = try #require(counts(later), "\(later)")
        #expect(tally.total == 6 && tally.sum == tally.total, "the counts do not sum to the total:\n\(later)")

        try session.type(":ctx")
        try session.send("Enter")
        let listed = try session.waitForScreen(timeout: 10) { $0.contains("2 sources: us-east-1/demo 3 tasks DOWN (ServiceUnavailableException), us-west-2/demo 3 tasks up") }
        #expect(listed.matched, ":ctx did not list the sources:\n\(listed.screen)")
        try session.type(":ctx us-west")
        try session.send("Enter")
        let one = try session.waitForScreen(timeout: 10) { $0.contains("showing us-west-2/demo: 3 of 6 tasks") }
        #expect(one.matched, ":ctx NAME did not show one source:\n\(one.screen)")
        print("fleet screen, :ctx us-west:\n\(one.screen)")
        #expect(ages(one.screen, source: "us-east-1/demo").isEmpty)

        _ = try simulator.control("PUT", "/control/regions/us-east-1", body: #"{"down":false}"#)
        try session.type(":ctx all")
        try session.send("Enter")
        let back = try session.waitForScreen(timeout: 30) { screen in
            !screen.contains("failing for") && self.staleRows(screen, source: "us-east-1/demo") == 0
                && self.ages(screen, source: "us-east-1/demo").count == 3
        }
        #expect(back.matched, "the region never came back:\n\(back.screen)")
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }
}
