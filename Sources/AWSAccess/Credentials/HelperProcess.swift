import FoundationEssentials
import ProtectionCore
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (a profile's `credential_process`) so that it can always be stopped and
/// its output always read to the end:
///
/// - spawned with an empty signal mask and every signal at its default disposition (the caller's
///   threads block or ignore HUP, INT, TERM and CHLD; a child would inherit that and shrug off
///   the SIGTERM of a timeout), in a process group of its own;
/// - standard input is ours, and so is standard error when it is a terminal, so a helper can
///   prompt (an MFA code) and read the answer as it does under the AWS CLI;
/// - on timeout, or when standard output passes its size limit, the whole group gets SIGTERM and,
///   a second later, SIGKILL: grandchildren go too;
/// - standard output is read until end of file or the limit, but once the helper itself has
///   exited, only what is already in the pipe: a background grandchild that kept the pipe open
///   cannot hold the caller up;
/// - standard error that is not a terminal (a log file, a pipe) is passed on to ours as it
///   arrives, each line made inert.
enum HelperProcess {
    /// How a run ended.
    enum Outcome: Equatable {
        /// The helper exited with this status; `output` is what it printed on standard output.
        case exited(status: Int32, output: [UInt8])
        /// It was killed by this signal (not ours).
        case signaled(Int32)
        /// It did not finish within the time limit; its group was killed.
        case timedOut
        /// It printed more than the limit on standard output; its group was killed.
        case outputTooLarge
        /// It could not be started (the system's reason).
        case notStarted(String)
    }

    /// Runs `arguments` (`arguments[0]` a path, or a name looked up in `PATH`).
    static func run(_ arguments: [String], timeout: Double, maximumOutputBytes: Int,
                    forwardError: @escaping @Sendable (String) -> Void = { StandardErrorLines.write($0) }) async -> Outcome {
        await OwnThread.run(name: "ecs-protect.helper") {
            runBlocking(arguments, timeout: timeout, maximumOutputBytes: maximumOutputBytes, forwardError: forwardError)
        }
    }

    private static func runBlocking(_ arguments: [String], timeout: Double, maximumOutputBytes: Int,
                                    forwardError: @escaping (String) -> Void) -> Outcome {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { return .notStarted(String(cString: strerror(errno))) }
        guard pipe(&errorPipe) == 0 else {
            close(outputPipe[0]); close(outputPipe[1])
            return .notStarted(String(cString: strerror(errno)))
        }
        // A prompt has no line end yet, so a helper talking to the operator writes to the
        // terminal itself rather than through the line-by-line forwarding.
        let errorOnTerminal = isatty(2) == 1
        // Not inherited by anything else this process starts (the spawn's dup2 clears the flag
        // on the helper's own copies).
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        if !errorOnTerminal { posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var pid = pid_t()
        let status = withCStrings(arguments) { argv in
            posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        }
        close(outputPipe[1])
        close(errorPipe[1])
        guard status == 0 else {
            close(outputPipe[0]); close(errorPipe[0])
            return .notStarted(String(cString: strerror(status)))
        }
        defer { close(outputPipe[0]); close(errorPipe[0]) }
        for descriptor in [outputPipe[0], errorPipe[0]] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }

        var output: [UInt8] = []
        var errorText = ErrorLineBuffer(forward: forwardError)
        var outputOpen = true
        var errorOpen = true
        let deadline = ContinuousClock.now + .seconds(timeout)
        var exitStatus: Int32?

        /// Reads what `descriptor` has now, at most 256 KiB (a helper that writes without end
        /// must not keep this loop from checking the limit); false at end of file.
        func drain(_ descriptor: Int32, into sink: (ArraySlice<UInt8>) -> Void) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 16 << 10)
            for _ in 0..<16 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 { sink(buffer[..<count]); continue }
                if count == 0 { return false }
                if errno == EINTR { continue }
                return true
            }
            return true
        }

        while true {
            var fds: [pollfd] = []
            if outputOpen { fds.append(pollfd(fd: outputPipe[0], events: Int16(POLLIN), revents: 0)) }
            if errorOpen { fds.append(pollfd(fd: errorPipe[0], events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), 20)
            if outputOpen { outputOpen = drain(outputPipe[0]) { output += $0 } }
            if errorOpen { errorOpen = drain(errorPipe[0]) { errorText.append($0) } }
            if output.count > maximumOutputBytes {
                killGroup(pid)
                errorText.flush()
                return .outputTooLarge
            }
            var raw: Int32 = 0
            if exitStatus == nil, waitpid(pid, &raw, WNOHANG) == pid {
                exitStatus = raw
            }
            if let raw = exitStatus {
                // The helper is gone: take what is already in the pipes, and do not wait for a
                // grandchild that inherited them.
                if outputOpen { _ = drain(outputPipe[0]) { output += $0 } }
                if errorOpen { _ = drain(errorPipe[0]) { errorText.append($0) } }
                errorText.flush()
                if output.count > maximumOutputBytes { return .outputTooLarge }
                if raw & 0x7f == 0 { return .exited(status: (raw >> 8) & 0xff, output: output) }
                return .signaled(raw & 0x7f)
            }
            if ContinuousClock.now >= deadline {
                killGroup(pid)
                errorText.flush()
                return .timedOut
            }
        }
    }

    /// SIGTERM to the helper's process group, SIGKILL a second later if the helper is still
    /// there, and the helper reaped.
    private static func killGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        var raw: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &raw, WNOHANG) == pid {
                kill(-pid, SIGKILL)  // what is left of the group (grandchildren)
                return
            }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &raw, 0)
    }

    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return body(pointers + [nil])
    }
}

/// A helper's standard error, passed on a line at a time (and whatever is left at the end), each
/// line decoded as UTF-8 and made inert. At most 64 KiB of one line is kept.
private struct ErrorLineBuffer {
    let forward: (String) -> Void
    private var pending: [UInt8] = []

    init(forward: @escaping (String) -> Void) { self.forward = forward }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        pending += bytes
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            forward(String(decoding: pending[..<newline], as: UTF8.self))
            pending.removeSubrange(...newline)
        }
        if pending.count > 64 << 10 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        forward(String(decoding: pending, as: UTF8.self))
        pending = []
    }
}

/// Lines on this process's standard error, made inert (the boundary every helper line crosses).
enum StandardErrorLines {
    static func write(_ line: String) {
        let bytes = Array((TerminalSafeText.inert(line) + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            // Nowhere left to report a failed write to standard error.
            guard written > 0 else { return }
            offset += written
        }
    }
}
