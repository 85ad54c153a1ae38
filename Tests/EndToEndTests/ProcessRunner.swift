import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A finished command's status and output.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// With `ownProcessGroup`: the command left processes of its group running (they were killed).
    var leftProcessesBehind = false
}

/// Where a child's standard output goes.
enum ChildOutput: Sendable {
    /// Captured into ``ProcessResult/standardOutput``.
    case captured
    /// Written to this path (e.g. `/dev/full`); nothing is captured.
    case path(String)
    /// Closed before the child starts.
    case closed
}

/// Runs a command to completion with a time limit.
///
/// Uses posix_spawn and waitpid rather than Foundation's Process: Process decides that a child
/// has exited by watching a descriptor the child inherits, so a daemon the child starts (the tmux
/// server) keeps it "running" for ever. Output goes to temporary files for the same reason: a
/// daemon would hold a pipe open and a reader would never see end-of-file.
enum ProcessRunner {
    ///
    /// With `ownProcessGroup`, the child leads a process group of its own, and whatever it started
    /// in the background dies with it: the whole group is killed at the time limit, and anything
    /// left of it once the child exits is killed and reported (``ProcessResult/leftProcessesBehind``).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    timeout: TimeInterval = 30, output: ChildOutput = .captured,
                    standardInputPath: String = "/dev/null", ownProcessGroup: Bool = false) throws -> ProcessResult {
        let directory = FileManager.default.temporaryDirectory.path
        let token = UUID().uuidString
        let outputPath = "\(directory)/ecs-protect-e2e-\(token).out"
        let errorPath = "\(directory)/ecs-protect-e2e-\(token).err"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInputPath, O_RDONLY, 0)
        switch output {
        case .captured: posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .path(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY, 0)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownProcessGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }

        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let status = withCStrings([executable] + arguments) { argv in
            withCStrings(environmentStrings) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        guard status == 0 else { throw ProcessRunnerError.spawnFailed(executable, errno: status) }

        let deadline = Date().addingTimeInterval(timeout)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, WNOHANG) == 0 {
            if Date() > deadline {
                kill(ownProcessGroup ? -pid : pid, SIGKILL)
                waitpid(pid, &waitStatus, 0)
                break
            }
            usleep(10_000)
        }
        // The group outlives its leader while any member lives.
        let leftBehind = ownProcessGroup && kill(-pid, 0) == 0
        if leftBehind { kill(-pid, SIGKILL) }
        let exitStatus: Int32 = (waitStatus & 0x7f) == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
        return ProcessResult(status: exitStatus,
                             standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                             standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "",
                             leftProcessesBehind: leftBehind)
    }

    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return body(pointers + [nil])
    }
}

enum ProcessRunnerError: Error {
    case spawnFailed(String, errno: Int32)
}
