import FileAccess
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import SafeText

/// Appends timeline records to a file as JSON Lines, one `write(2)` per record, so every record
/// written is in the kernel when `record` returns: a crash or `kill -9` of this process loses
/// nothing that was recorded (a power cut may: there is no `fsync` per event). Each record is
/// stamped with the writer's drill and run (unless it names its own).
public final class TimelineWriter: TimelineSink {
    /// Why a timeline file cannot be opened.
    public struct OpenError: Error, CustomStringConvertible {
        /// The path as given.
        public var path: String
        /// The system's reason.
        public var reason: String

        public var description: String { TerminalSafeText.inert("cannot open events file \(path): \(reason)") }
    }

    private let descriptor: Mutex<Int32>
    private let failures = Atomic<Int>(0)
    /// The drill and run every record is written under.
    public let identity: DrillIdentity

    /// Opens (creating with mode 0600, else appending to) the file at `path`: a regular file, or
    /// standard output when it is a file or pipe; a FIFO, terminal, device or directory is refused
    /// without blocking (see ``CheckedFile``). Records are written as `identity`'s (by default a
    /// drill of their own).
    /// - Throws: ``OpenError``.
    public init(path: String, identity: DrillIdentity = DrillIdentity()) throws(OpenError) {
        let fd: Int32
        do {
            fd = try CheckedFile.openForAppending(path)
        } catch {
            throw OpenError(path: path, reason: error.reason)
        }
        descriptor = Mutex(fd)
        self.identity = identity
    }

    deinit {
        close()
    }

    /// How many records could not be written (disk full, file closed).
    public var failedWrites: Int { failures.load(ordering: .relaxed) }

    public func record(_ record: TimelineRecord) {
        let line = Array((record.stamped(identity).jsonLine() + "\n").utf8)
        let written = descriptor.withLock { (fd: inout Int32) -> Bool in
            guard fd >= 0 else { return false }
            var offset = 0
            while offset < line.count {
                let result = line[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        if !written { failures.add(1, ordering: .relaxed) }
    }

    /// Closes the file; later records are counted as failed.
    public func close() {
        descriptor.withLock { fd in
            if fd >= 0 { _ = Glibc.close(fd) }
            fd = -1
        }
    }
}
