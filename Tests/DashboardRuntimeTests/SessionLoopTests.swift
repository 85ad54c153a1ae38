import AgentSimulator
import Dashboard
import DashboardRuntime
import Foundation
import ProtectionCore
import TerminalTestSupport
import TerminalUI
import Testing

/// The dashboard's real session loop against ``TestBackend`` and a simulator on loopback: what an
/// operator sees after each key, how the loop ends, and that the terminal is always given back.
@Suite(.utf8Locale, .serialized) struct SessionLoopTests {
    @Test func firstFrameComesBeforeAnyAnswerThenAnswersFillTheRows() async throws {
        let harness = try await SessionHarness.start(taskCount: 2)
        let first = try #require(harness.terminal.waitForScreen { _ in true })
        #expect(first.width == 120 && first.height == 30)
        #expect(harness.waitForState("task-0", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil)
        #expect(harness.waitForState("task-1", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil)
        #expect(harness.row("task-0", in: first)?.contains("UNKNOWN") == true)
        try await harness.close()
    }

    @Test func qEndsTheLoopWithStatusZeroAndGivesTheTerminalBack() async throws {
        let harness = try await SessionHarness.start(taskCount: 1)
        _ = harness.terminal.waitForText("task-0")
        harness.terminal.type("q")
        #expect(try await harness.exitStatus() == 0)
        #expect(harness.terminal.isStopped)
        #expect(harness.terminal.drawsAfterStop == 0)
        try await harness.simulator.shutdown()
    }

    @Test func pressingPShowsPendingThenTheAgentsAnswer() async throws {
        let harness = try await SessionHarness.start(taskCount: 1)
        try harness.simulator.setProtection(forTask: 0, enabled: false, expiresAt: nil)
        #expect(harness.waitForRow("task-0", containing: "UNPROTECTED") != nil)
        harness.terminal.type("p")
        #expect(harness.waitForRow("task-0", containing: "PROTECTED") != nil)
        let row = try #require(harness.waitForRow("task-0", containing: "1h59m"))
        #expect(!row.contains("UNPROTECTED"))
        // The agent holds what the screen says: the PUT really went out.
        let task = try #require(harness.simulator.tasks.first)
        #expect(task.protectionEnabled)
        // PENDING was on screen between the key and the answer.
        #expect(harness.terminal.frames.contains { frame in harness.row("task-0", in: frame)?.contains("PENDING") == true })
        try await harness.close()
    }

    @Test func readOnlyRefusesProtectOnScreenAndSendsNothing() async throws {
        let harness = try await SessionHarness.start(taskCount: 1, readOnly: true)
        try harness.simulator.setProtection(forTask: 0, enabled: false, expiresAt: nil)
        #expect(harness.waitForRow("task-0", containing: "UNPROTECTED") != nil)
        harness.terminal.type("p")
        #expect(harness.terminal.waitForText("read-only: protect is disabled") != nil)
        // Several polls later the agent still has no protection for the task.
        try await Task.sleep(for: .milliseconds(1200))
        #expect(harness.simulator.tasks.first?.protectionEnabled == false)
        #expect(harness.terminal.frames.allSatisfy { harness.row("task-0", in: $0)?.contains("PENDING") != true })
        try await harness.close()
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130)), (SIGHUP, Int32(129))])
    func aTerminationSignalEndsWith128PlusItsNumber(signal: Int32, status: Int32) async throws {
        let harness = try await SessionHarness.start(taskCount: 1)
        _ = harness.terminal.waitForText("task-0")
        harness.terminal.deliverSignal(signal)
        #expect(try await harness.exitStatus() == status)
        #expect(harness.terminal.isStopped)
        try await harness.simulator.shutdown()
    }

    @Test func aTerminalThatHangsUpEndsTheSessionAsSIGHUPWould() async throws {
        let harness = try await SessionHarness.start(taskCount: 1)
        _ = harness.terminal.waitForText("task-0")
        harness.terminal.closeInput()
        #expect(try await harness.exitStatus() == 129)
        #expect(harness.terminal.isStopped)
        try await harness.simulator.shutdown()
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let harness = try await SessionHarness.start(taskCount: 2)
        _ = harness.terminal.waitForText("task-1")
        harness.terminal.resize(width: 70, height: 16)
        let frame = try #require(harness.terminal.waitForScreen { $0.width == 70 && $0.height == 16 })
        #expect(frame.textLines.contains { $0.contains("task-1") })
        try await harness.close()
    }

    @Test func theHelpOverlayOpensAndClosesOnKeys() async throws {
        let harness = try await SessionHarness.start(taskCount: 1)
        _ = harness.terminal.waitForText("task-0")
        harness.terminal.type("?")
        let help = try #require(harness.terminal.waitForScreen { frame in !frame.textLines.contains { $0.contains("task-0") } || frame.textLines.contains { $0.lowercased().contains("keys") } })
        #expect(help.textLines.contains { $0.contains("protect") })
        harness.terminal.press(.escape)
        #expect(harness.terminal.waitForText("task-0") != nil)
        try await harness.close()
    }

    @Test func theAgentGoingDownAndBackIsShownWithoutAKey() async throws {
        let harness = try await SessionHarness.start(taskCount: 2)
        #expect(harness.waitForState("task-1", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil)
        try await harness.simulator.setAgentDown(true)
        #expect(harness.waitForRow("task-1", containing: "refused", timeout: .seconds(10)) != nil
            || harness.waitForRow("task-1", containing: "STALE", timeout: .seconds(10)) != nil)
        try await harness.simulator.setAgentDown(false)
        try await harness.close()
    }

    @Test func anIdleSessionRedrawsOnlyChangedCells() async throws {
        let harness = try await SessionHarness.start(taskCount: 2)
        #expect(harness.waitForState("task-1", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil)
        try await Task.sleep(for: .milliseconds(1500))
        let written = harness.terminal.cellsWrittenPerDraw.dropFirst(2)
        // After the first frames only countdown digits and ages change: never a full repaint.
        #expect(written.allSatisfy { $0 < 120 * 30 / 4 }, "cells per draw: \(Array(written))")
        try await harness.close()
    }

    /// The ticks of an idle session that move only the clock are drawn as steps (only the task
    /// lines the clock changed), and every row that changed is one the step named.
    @Test func anIdleSessionsTicksAreStepsThatNameEveryChangedRow() async throws {
        // Polled every 10 s: between answers, every wake-up is the clock's.
        let harness = try await SessionHarness.start(taskCount: 4, pollInterval: 10)
        #expect(harness.waitForState("task-3", in: ["PROTECTED", "UNPROTECTED", "EXPIRING"]) != nil)
        try await Task.sleep(for: .milliseconds(2500))
        #expect(harness.terminal.partialDraws >= 2, "ages step every second: \(harness.terminal.partialDraws) steps")
        #expect(harness.terminal.partialDrawMisses == 0)
        try await harness.close()
    }
}
