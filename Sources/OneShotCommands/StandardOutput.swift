import ArgumentParser
import Foundation
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
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                StandardError.write("ecs-protect: cannot write to standard output: \(reason)")
                throw ExitCode(ExitStatus.outputFailed)
            }
            offset += written
        }
        bytes.removeAll()
    }
}

/// One-line messages on standard error, made inert for the terminal.
public enum StandardError {
    /// Writes `message` (each line made inert) and a newline; errors writing to stderr are ignored,
    /// since there is nowhere left to report them.
    public static func write(_ message: String) {
        let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalSafeText.inert(String($0)) }.joined(separator: "\n")
        FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
    }
}
