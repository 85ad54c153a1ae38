import AgentSimulator
import Dashboard
import DashboardRuntime
import Foundation
import ProtectionCore
import TerminalUI
import Testing

/// A dashboard session running its real loop on a ``TestBackend``, polling a real simulator on
/// loopback: keys in, frames out, no terminal and no tmux.
final class SessionHarness: Sendable {
    let terminal: TestBackend
    let simulator: AgentSimulator
    private let finished: Task<Int32, any Error>

    private init(terminal: TestBackend, simulator: AgentSimulator, finished: Task<Int32, any Error>) {
        self.terminal = terminal
        self.simulator = simulator
        self.finished = finished
    }

    /// Starts a simulator with `taskCount` tasks (labelled `task-0`, `task-1`, …) and a session
    /// watching them on a `width` by `height` test terminal.
    static func start(taskCount: Int = 2, width: Int = 120, height: Int = 30, readOnly: Bool = false,
                      pollInterval: TimeInterval = 0.5, configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> SessionHarness {
        var configuration = SimulatorConfiguration(
            host: "127.0.0.1", taskCount: taskCount,
            ecsCallTimeout: .milliseconds(200), relayDelay: .milliseconds(5) ... .milliseconds(10),
            ecsLatency: .milliseconds(5), controlPort: nil)
        configuration.ecsAPIPort = nil
        configure(&configuration)
        let simulator = AgentSimulator(configuration: configuration)
        try await simulator.start()
        let endpoints = try simulator.agentURIs.enumerated().map { try EndpointParser.parse("task-\($0.offset)=\($0.element)") }
        let themes = try ThemeCycle(requested: nil, noColorFlag: false, environment: [:])
        let options = DashboardSession.Options(
            endpoints: endpoints, monitor: MonitorConfiguration(pollInterval: pollInterval, jitter: 0), readOnly: readOnly,
            demo: DemoControls(simulator: simulator), themes: themes)
        let terminal = TestBackend(width: width, height: height)
        let finished = Task.detached {
            try await DashboardSession.onOwnThread { DashboardSession(options: options).run(on: terminal) }
        }
        return SessionHarness(terminal: terminal, simulator: simulator, finished: finished)
    }

    /// The session's exit status once its loop ends (bounded: a loop that does not end fails the test).
    func exitStatus(within seconds: Double = 15) async throws -> Int32 {
        let finished = finished
        let status = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask { try await finished.value }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return try #require(status, "the session loop did not end within \(seconds) s")
    }

    /// Ends the session with `q` (if still running) and shuts the simulator down.
    func close() async throws {
        if !terminal.isStopped { terminal.type("q") }
        _ = try? await exitStatus()
        try await simulator.shutdown()
    }

    /// The line of the table that shows `label`, as text.
    func row(_ label: String, in frame: Frame?) -> String? {
        frame?.textLines.first { $0.contains(label) }
    }

    /// Waits until the row of `label` contains `text` as a whole word (so PROTECTED does not
    /// match UNPROTECTED); returns that row.
    @discardableResult
    func waitForRow(_ label: String, containing text: String, timeout: Duration = .seconds(10)) -> String? {
        row(label, in: terminal.waitForScreen(timeout: timeout) { frame in
            frame.textLines.contains { $0.contains(label) && Self.hasWord(text, in: $0) }
        })
    }

    /// Waits until the row of `label` shows one of `states` (PROTECTED, UNPROTECTED, …); returns it.
    func waitForState(_ label: String, in states: [String], timeout: Duration = .seconds(10)) -> String? {
        let frame = terminal.waitForScreen(timeout: timeout) { frame in
            guard let row = frame.textLines.first(where: { $0.contains(label) }) else { return false }
            return states.contains { Self.hasWord($0, in: row) }
        }
        return row(label, in: frame).flatMap { row in states.first { Self.hasWord($0, in: row) } }
    }

    /// Whether `word` occurs in `line` with no letter right before or after it.
    static func hasWord(_ word: String, in line: String) -> Bool {
        var searchStart = line.startIndex
        while let range = line.range(of: word, range: searchStart..<line.endIndex) {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
