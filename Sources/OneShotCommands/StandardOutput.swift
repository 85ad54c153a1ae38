import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ProtectionCore
import SafeText

/// Writes the command's results to standard output and checks that they got there.
///
/// `print` buffers and drops write errors, so `get --json > /dev/full` or a closed standard output
/// would exit 0 with nothing written. Every command that prints goes through here instead: a
/// failed write is one line on standard error and exit status 74 (EX_IOERR).
public enum StandardOutput {
    /// Writes `text` whole, or reports the failure and throws ``ExitStatus/outputFailed``.
    public static func write(_ text: String) throws {
        if let failure = writeAll(Array(text.utf8), to: STDOUT_FILENO) {
            StandardError.write("ecs-protect: cannot write to standard output: \(String(cString: strerror(failure)))")
            throw ExitCode(ExitStatus.outputFailed)
        }
    }

    /// Writes `bytes` whole to `descriptor` (again after an interruption); the `errno` of a
    /// failed write, nil when all of it got there.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// One-line messages on standard error, made inert for the terminal.
public enum StandardError {
    /// Writes `message` (each line made inert) and a newline; errors writing to stderr are ignored,
    /// since there is nowhere left to report them.
    public static func write(_ message: String) {
        let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalSafeText.inert(String($0)) }.joined(separator: "\n")
        _ = StandardOutput.writeAll(Array((safe.hasSuffix("\n") ? safe : safe + "\n").utf8), to: STDERR_FILENO)
    }
}
