import ConfigFiles
import FileAccess
import FoundationEssentials
import Synchronization
#if canImport(Glibc)
import Glibc // the C calls below, stated so the file needs only FoundationEssentials
#endif

/// An append-only log file shared by every logger of the process. Each line is written with one
/// `write(2)` under a lock, so lines from different threads never interleave.
final class LogFile: Sendable {
    private let descriptor: Mutex<Int32>
    private let failures = Atomic<Int>(0)

    /// The file the process logs to, once ``LogFileOptions`` opened it: checked at the end of a
    /// run so a log that lost lines is not silent.
    static let current = Mutex<LogFile?>(nil)
    /// The path as given.
    let path: String

    /// Opens (creating with mode 0600) `path` for appending.
    ///
    /// - Throws: ``LogFileError`` when it cannot be opened, or when it is not a regular file (or
    ///   the file or pipe standard output already is): a terminal would put the log on the screen
    ///   the dashboard draws, a FIFO would block the open, a device such as `/dev/full` would lose
    ///   every line (see ``CheckedFile``).
    init(path: String) throws(LogFileError) {
        let descriptor: Int32
        do {
            descriptor = try CheckedFile.openForAppending(path)
        } catch {
            throw .cannotOpen(path: path, reason: error.reason)
        }
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// How many lines could not be written (disk full, file too large, I/O error).
    var failedWrites: Int { failures.load(ordering: .relaxed) }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends `line` and a newline. A failed write is counted, not fatal: logging never stops the
    /// dashboard, but the run ends saying how many lines were lost (and not with status 0).
    func append(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let written = descriptor.withLock { descriptor -> Bool in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        if !written { failures.add(1, ordering: .relaxed) }
    }
}

/// Why `--log-file` cannot be used.
enum LogFileError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)

    var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "--log-file: cannot open \(DisplaySafe.quoted(path)): \(reason)"
        }
    }
}
