import Foundation

/// A real terminal for end-to-end tests: a detached tmux session on its own server socket,
/// driven with send-keys and read with capture-pane.
final class TmuxSession {
    let name: String
    private let socket: String

    /// Starts `command` in a new detached session of the given size.
    /// A bare interactive shell (prompt `e2e$ `) in which `ecs-protect <arguments>` is typed,
    /// followed by `echo "exit=$?"` so a test can read how it ended.
    /// The terminal is 80x24 unless a test asks otherwise, the smallest the dashboard is made for;
    /// the tests of the wide layout use 160x45.
    static func runningInShell(_ arguments: String, width: Int = 80, height: Int = 24,
                               environment: [String: String] = [:]) throws -> TmuxSession {
        let session = try TmuxSession(command: "env PS1='e2e$ ' bash --norc --noprofile", width: width, height: height,
                                      environment: environment)
        _ = try session.waitForScreen(timeout: 10) { $0.contains("e2e$") }
        try session.type("\(try ProductBinary.path) \(arguments); echo \"exit=$?\"")
        try session.send("Enter")
        return session
    }

    init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "ecs-protect-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        socket = name
        var arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        let result = try tmux(arguments)
        guard result.status == 0 else { throw TmuxError.failed("new-session: \(result.standardError)") }
        _ = try tmux(["-L", socket, "set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit {
        // kill-server alone can leave an exiting server waiting on its panes for ever, so the
        // pane's processes and the server are ended by pid too: no test leaves a tmux behind.
        let server = (try? tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pid}"]).standardOutput)
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let children = (try? shellChildren()) ?? []
        let pane = (try? tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]).standardOutput)
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        _ = try? tmux(["-L", socket, "kill-server"])
        for pid in children + [pane, server].compactMap({ $0 }) { kill(pid, SIGKILL) }
    }

    /// The visible screen, one string per row.
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["-L", socket, "capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : [])).standardOutput
    }

    /// Sends tmux key names (`Up`, `Enter`, `C-c`) or literal text.
    func send(_ keys: String...) throws {
        _ = try tmux(["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Sends literal characters (no key-name lookup).
    func type(_ text: String) throws {
        _ = try tmux(["-L", socket, "send-keys", "-l", "-t", name, text])
    }

    /// The processes the pane's shell started (the command under test), for sending it signals.
    func shellChildren() throws -> [Int32] {
        let pane = try tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try ProcessRunner.run("/usr/bin/env", ["pgrep", "-P", pane], timeout: 10).standardOutput
        return children.split(separator: "\n").compactMap { Int32($0) }
    }

    /// Whether the pane's program has exited, and its exit status.
    func exitStatus() throws -> Int32? {
        let output = try tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"]).standardOutput
        let parts = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.first == "1", parts.count > 1 else { return nil }
        return Int32(parts[1])
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen either way.
    @discardableResult
    func waitForScreen(timeout: TimeInterval, _ predicate: (String) -> Bool) throws -> (matched: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(100_000)
            screen = try capture()
        }
        return (true, screen)
    }

    private func tmux(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/env", ["tmux"] + arguments, timeout: 10)
    }
}

enum TmuxError: Error {
    case failed(String)
}
