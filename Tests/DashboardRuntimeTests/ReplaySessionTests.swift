import Dashboard
import DashboardRuntime
import Foundation
import GameDay
import TerminalTestSupport
import TerminalUI
import Testing

/// `ecs-protect replay`'s session: the real loop on a ``TestBackend`` playing a recorded drill
/// (a simulator playing scale-in-during-deploy at 10x and a dashboard watching it), driven by the
/// replay keys.
@Suite(.utf8Locale, .serialized) struct ReplaySessionTests {
    static let drillFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GameDayTests/Fixtures/scale-in-during-deploy.jsonl").standardized.path

    private func start(paused: Bool, speed: Int = 1) throws -> (TestBackend, Task<Int32, any Error>, ReplayScript) {
        let drill = try #require(TimelineDrill.group(try TimelineReader.read(path: Self.drillFile).records).last)
        let script = ReplayScript(records: drill.records)
        var options = DashboardSession.Options(endpoints: [], monitor: .init(), readOnly: false, demo: nil,
                                               themes: try ThemeCycle(requested: nil, noColorFlag: false, environment: [:]), bell: false)
        options.replay = ReplayPlayback(script: script, speed: speed, paused: paused)
        let terminal = TestBackend(width: 120, height: 30)
        let session = options
        let finished = Task.detached {
            try await DashboardSession.onOwnThread { DashboardSession(options: session).run(on: terminal) }
        }
        return (terminal, finished, script)
    }

    private func header(_ frame: Frame?) -> String { frame.map { $0.textLines[1] } ?? "" }

    @Test func pausedSteppedJumpedAndSpedUpTheScreenFollowsTheRecord() async throws {
        let (terminal, finished, script) = try start(paused: true)
        let total = script.steps.count
        let first = try #require(terminal.waitForText("event 0/\(total)"), "the time cursor is in the header")
        #expect(header(first).contains("PAUSED 1x"), "\(header(first))")
        #expect(first.textLines[0].contains("REPLAY") && first.textLines[0].contains("0 tasks"))

        // The end: every task the dashboard saw, as it last saw them.
        terminal.type("]")
        let end = try #require(terminal.waitForText("event \(total)/\(total)"))
        for label in ["worker-a", "worker-b", "worker-c", "worker-d", "web-1", "web-2"] {
            #expect(end.textLines.contains { $0.contains(label) }, "\(label) at the end")
        }
        // Back to the start: the record plays again from nothing.
        terminal.type("[")
        #expect(terminal.waitForScreen { $0.textLines[1].contains("event 0/\(total)") && $0.textLines[0].contains("0 tasks") } != nil)

        // Stepping: one moment at a time, paused.
        for _ in 0..<12 { terminal.press(.right) }
        let stepped = try #require(terminal.waitForText("event 12/\(total)"))
        #expect(header(stepped).contains("PAUSED"))
        terminal.press(.left)
        #expect(terminal.waitForText("event 11/\(total)") != nil)

        // Keys that would change a task are refused; row movement still moves.
        terminal.type("p")
        #expect(terminal.waitForText("replay: read-only") != nil)

        // Faster, then play: the drill (about 45 s) ends within a few seconds at 60x.
        for _ in 0..<7 { terminal.type("+") }
        #expect(terminal.waitForText("PAUSED 60x") != nil)
        terminal.type("P")
        let played = try #require(terminal.waitForScreen(timeout: .seconds(15)) { $0.textLines[1].contains("event \(total)/\(total)") })
        #expect(played.textLines.contains { $0.contains("worker-c") })
        #expect(terminal.waitForText("PAUSED 60x") != nil, "the cursor stops at the drill's end")
        terminal.type("q")
        #expect(try await finished.value == DashboardSession.quitStatus)
    }

    /// Playing at 1x, the cursor moves with the wall clock: about two seconds of the record in two seconds.
    @Test func playingRunsTheCursorAtTheChosenSpeed() async throws {
        let (terminal, finished, script) = try start(paused: false, speed: 1)
        #expect(terminal.waitForText("playing 1x") != nil)
        let began = Date()
        let screen = try #require(terminal.waitForScreen(timeout: .seconds(5)) { $0.textLines[1].contains("+2s") })
        #expect(Date().timeIntervalSince(began) < 2.5, "two seconds of the record took \(Date().timeIntervalSince(began)) s")
        let played = script.count(atOrBefore: script.start.addingTimeInterval(2))
        let shown = header(screen).split(separator: " ").first { $0.hasSuffix("/\(script.steps.count)") }
            .flatMap { Int($0.split(separator: "/")[0]) } ?? -1
        #expect(shown >= played, "\(header(screen)): \(played) steps are due after 2 s")
        terminal.type("q")
        #expect(try await finished.value == DashboardSession.quitStatus)
    }
}
