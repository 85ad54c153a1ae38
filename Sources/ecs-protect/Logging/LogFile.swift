import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc // the C calls below, stated so the file needs only FoundationEssentials
#endif

/// An append-only log file shared by every logger of the process. Each line is written with one
/// `write(2)` under a lock, so lines from different threads never interleave.
final class LogFile: Sendable {
    private let descriptor: Mutex<Int32>

    /// Opens (creating with mode 0600) `path` for appending.
    ///
    /// - Throws: ``LogFileError`` when it cannot be opened, or when it is a terminal: the log must
    ///   never land on the screen the dashboard draws.
    init(path: String) throws(LogFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard isatty(descriptor) == 0 else {
            close(descriptor)
            throw .isTerminal(path: path)
        }
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends `line` and a newline. A failed write is dropped: logging never stops the dashboard.
    func append(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        descriptor.withLock { descriptor in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// Why `--log-file` cannot be used.
enum LogFileError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case isTerminal(path: String)

    var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "--log-file: cannot open \(DisplaySafe.quoted(path)): \(reason)"
        case .isTerminal(let path): "--log-file: \(DisplaySafe.quoted(path)) is a terminal; the log must go to a file"
        }
    }
}
