import AgentSimulator
import Dashboard
import DashboardRuntime
import Foundation
import ProtectionCore
import TerminalTestSupport
import TerminalUI
import Testing

/// The real session loop on a real simulator during faults: what the header and rows say stays
/// true, and the buckets on the title line always add up to the tasks.
@Suite(.utf8Locale, .serialized) struct DrillScreenTests {
    /// The numbers on the title line ("8 tasks: 4 protected, 2 unprotected, 2 unknown") and whether they sum to the total.
    static func titleAddsUp(_ frame: Frame) -> Bool {
        guard let title = frame.textLines.first, let colon = title.firstIndex(of: ":") else { return false }
        let total = title[..<colon].split(separator: " ").compactMap { Int($0) }.last
        let buckets = title[colon...].split(separator: ",").compactMap { part in
            part.split(separator: " ").compactMap { Int($0) }.first
        }
        return total != nil && buckets.reduce(0, +) == total
    }

    @Test func withTheAgentDownEveryTaskIsStaleAndTheHeaderNamesTheAgent() async throws {
        let harness = try await SessionHarness.start(taskCount: 4, width: 120, height: 30)
        for index in 0..<4 { #expect(harness.waitForState("task-\(index)", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil) }
        try await harness.simulator.setAgentDown(true)
        let down = try #require(harness.terminal.waitForScreen { frame in
            frame.textLines.filter { $0.contains("STALE") }.count == 4
        }, "every task it serves turns STALE")
        #expect(down.textLines[1].contains("failing for"), "\(down.textLines[1])")
        #expect(!down.textLines.contains { $0.contains("ConnectionRefused (") }, "the agent's outage is not painted on each row")
        try await harness.simulator.setAgentDown(false)
        #expect(harness.terminal.waitForScreen { !$0.textLines.contains { $0.contains("STALE") } } != nil, "back: no task stale")
        #expect(harness.terminal.frames.allSatisfy(Self.titleAddsUp), "every frame's buckets sum to the total")
        try await harness.close()
    }

    @Test func aBulkProtectOverTheDesiredCountEndsWithASummaryAndTheRefusalsStay() async throws {
        let harness = try await SessionHarness.start(taskCount: 4, width: 120, height: 30) { configuration in
            configuration.serviceDesiredCounts = ["app": 2]
        }
        for index in 0..<4 { try harness.simulator.setProtection(forTask: index, enabled: false, expiresAt: nil) }
        for index in 0..<4 { #expect(harness.waitForRow("task-\(index)", containing: "UNPROTECTED") != nil) }
        harness.terminal.type("ap")
        let summary = try #require(harness.terminal.waitForText("protect 4: 2 protected, 2 DEPLOYMENT_BLOCKED"))
        #expect(summary.textLines.filter { $0.contains("protect: DEPLOYMENT_BLOCKED") }.count == 2)
        // Polls go on and succeed; two seconds later the refusals are still on their rows.
        try await Task.sleep(for: .seconds(2))
        let later = try #require(harness.terminal.screen)
        #expect(later.textLines.filter { $0.contains("protect: DEPLOYMENT_BLOCKED") }.count == 2)
        #expect(later.textLines[1].contains("2 failed last action"), "\(later.textLines[1])")
        #expect(harness.simulator.tasks.filter(\.protectionEnabled).count == 2)
        #expect(harness.terminal.frames.allSatisfy(Self.titleAddsUp))
        try await harness.close()
    }
}
