import Foundation
import Testing

/// The demo as a person meets it: a real terminal (tmux), real keys, the real simulator.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DemoDashboardTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    private static var python3Available: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import pty"], timeout: 10).status) == 0
    }

    /// Starts an interactive shell in tmux and runs `ecs-protect <arguments>` in it.
    private func startInShell(_ arguments: String, width: Int = 120, height: Int = 40,
                              environment: [String: String] = [:]) throws -> TmuxSession {
        try TmuxSession.runningInShell(arguments, width: width, height: height, environment: environment)
    }

    private func row(_ label: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.dropFirst(3).hasPrefix(label + " ") }
    }

    /// At the smallest usual terminal and a large one: the header fits either way.
    @Test(.enabled(if: tmuxAvailable), arguments: [(80, 24), (160, 45)])
    func protectingATaskShowsPendingThenTwoHours(width: Int, height: Int) throws {
        let session = try startInShell("demo", width: width, height: height)
        let ready = try session.waitForScreen(timeout: 30) { screen in
            row("api-1", in: screen)?.contains("UNPROTECTED") == true
                && ["TASK_NOT_VALID", "ThrottlingException", "AccessDeniedException"].allSatisfy(screen.contains)
        }
        #expect(ready.matched, "demo rows never appeared:\n\(ready.screen)")
        // The badge ends the title line, with the counts before it and nothing written over it.
        let title = ready.screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(title.trimmingCharacters(in: .whitespaces).hasSuffix(" DEMO"), "\(width)x\(height): \(title)")
        #expect(title.contains(" tasks: "), "\(width)x\(height): \(title)")
        #expect(ready.screen.contains("TASK_NOT_VALID"))
        #expect(ready.screen.contains("ThrottlingException"))
        #expect(ready.screen.contains("AccessDeniedException"))

        // Select api-1 through the filter, whatever the sort, then protect it.
        try session.type("/api-1")
        try session.send("Enter")
        try session.waitForScreen(timeout: 10) { row("api-1", in: $0)?.hasPrefix(">") == true }
        try session.type("p")
        var sawPending = false
        let protected = try session.waitForScreen(timeout: 20) { screen in
            guard let line = row("api-1", in: screen) else { return false }
            if line.contains("PENDING") { sawPending = true }
            return line.contains("PROTECTED") && !line.contains("UNPROTECTED")
        }
        #expect(sawPending, "PENDING was never on screen before the confirmed state")
        #expect(protected.matched, "api-1 never became PROTECTED:\n\(protected.screen)")
        let line = row("api-1", in: protected.screen) ?? ""
        #expect(line.contains("1h59m") || line.contains("2h00m"), "expected about two hours: \(line)")

        try session.type("q")
        let back = try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }
        #expect(back.matched, "no clean exit:\n\(back.screen)")
        #expect(!back.screen.contains("api-1"), "the dashboard was left on the screen")
        try session.type("echo shell-is-$((20+22))")
        try session.send("Enter")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("shell-is-42") }.matched)
    }

    @Test(.enabled(if: tmuxAvailable), arguments: [
        ("C-c", 130), ("TERM", 143), ("HUP", 129), ("QUIT", 131), ("USR1", 138), ("USR2", 140), ("ALRM", 142),
        ("VTALRM", 154), ("PROF", 155), ("XCPU", 152), ("RTMIN", 162),
    ])
    func terminalIsRestoredWhateverEndsIt(how: String, expected: Int) throws {
        let session = try startInShell("demo --tasks 3")
        #expect(try session.waitForScreen(timeout: 30) { $0.contains("web-1") }.matched)
        if how == "C-c" {
            try session.send("C-c")
        } else {
            // Only this session's dashboard: other cases may be running their own.
            let pids = try session.shellChildren()
            #expect(!pids.isEmpty)
            for pid in pids { _ = try ProcessRunner.run("/bin/kill", ["-\(how)", String(pid)], timeout: 10) }
        }
        // A digit after "exit=": the printed status, not the command line that asks for it ("exit=$?").
        let back = try session.waitForScreen(timeout: 10) { $0.range(of: "exit=[0-9]", options: .regularExpression) != nil }
        #expect(back.screen.contains("exit=\(expected)"), "\(how): \(back.screen)")
        // No crash report (SIGQUIT would reach the runtime's backtracer) and the dashboard is gone.
        #expect(!back.screen.contains("Crash") && !back.screen.contains("Backtrace") && !back.screen.contains("web-1"), "\(how): \(back.screen)")
        try session.type("echo typed-text-echoes")
        try session.send("Enter")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("echo typed-text-echoes") && $0.contains("\ntyped-text-echoes") }.matched)
    }

    /// A terminal that goes away without SIGHUP (not the controlling terminal, as under `setsid`):
    /// the dashboard must notice, exit 129 and not spin. Before the fix it ran at full CPU forever.
    @Test(.enabled(if: python3Available)) func terminalGoneWithoutSignalEndsTheDashboard() throws {
        let probe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("hangup_probe.py").path
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", probe, try ProductBinary.path], timeout: 90)
        let report = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(report.hasPrefix("status=129 "), "\(report) \(result.standardError)")
        // Generous for a loaded machine; a spinning loop would use the whole wait of 20 s.
        let fields = Dictionary(uniqueKeysWithValues: report.split(separator: " ").compactMap { field -> (String, Double)? in
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
        #expect((fields["seconds"] ?? 99) < 5, "\(report)")
        #expect((fields["cpu"] ?? 99) < 2, "\(report)")
    }

    @Test(.enabled(if: tmuxAvailable))
    func terminalWithoutCursorAddressingIsRefused() throws {
        let session = try startInShell("themes >/dev/null")
        #expect(try session.waitForScreen(timeout: 20) { $0.contains("\nexit=") }.matched)
        try session.type("TERM=dumb \(try ProductBinary.path) demo --tasks 2; echo \"dumb-exit=$?\"")
        try session.send("Enter")
        let back = try session.waitForScreen(timeout: 20) { $0.contains("\ndumb-exit=") }
        #expect(back.screen.contains("dumb-exit=3"), "\(back.screen)")
        #expect(back.screen.contains("get --json"), "\(back.screen)")
        #expect(!back.screen.contains("web-1"), "\(back.screen)")
    }

    @Test(.enabled(if: tmuxAvailable))
    func noColorEmitsNoColourEscapes() throws {
        let session = try startInShell("demo --tasks 4", environment: ["NO_COLOR": "1"])
        #expect(try session.waitForScreen(timeout: 30) { $0.contains("web-1") && $0.contains("PROTECTED") }.matched)
        let styled = try session.capture(escapes: true)
        #expect(Self.colourParameters(in: styled).isEmpty, "colour escape under NO_COLOR:\n\(styled)")
        #expect(styled.contains("\u{1B}[1m"), "attributes should still tell states apart")
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }

    /// SGR parameters that set a colour (30-38, 40-48, 90-97, 100-107); 39 and 49 only reset
    /// to the terminal's default, which tmux writes for every cell.
    static func colourParameters(in text: String) -> [Int] {
        text.matches(of: /\u{1B}\[([0-9;]*)m/).flatMap { match in
            match.1.split(separator: ";").compactMap { Int($0) }.filter { parameter in
                (30...38).contains(parameter) || (40...48).contains(parameter)
                    || (90...97).contains(parameter) || (100...107).contains(parameter)
            }
        }
    }

    @Test func colourParametersAreFoundAndResetsAreNot() {
        #expect(Self.colourParameters(in: "\u{1B}[0;7m\u{1B}[39m\u{1B}[49m x \u{1B}[1m") == [])
        #expect(Self.colourParameters(in: "\u{1B}[1;32m ok \u{1B}[38;5;208m") == [32, 38])
    }

    @Test func withoutATerminalItPointsAtGetJSON() throws {
        let result = try ProcessRunner.run(try ProductBinary.path, ["demo"], timeout: 20)
        #expect(result.status == 3)
        #expect(result.standardError.contains("get --json"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func watchWithoutEndpointsNamesTheWaysToGiveOne() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["ECS_AGENT_URI"] = nil
        let result = try ProcessRunner.run(try ProductBinary.path, ["watch"], environment: environment, timeout: 20)
        #expect(result.status == 64)
        for word in ["--endpoint", "ECS_AGENT_URI", "demo"] {
            #expect(result.standardError.contains(word), "missing \(word): \(result.standardError)")
        }
    }
}
