#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens the files ecs-protect reads (scenarios, endpoint lists, events files) and writes (events
/// files, log files) so that nothing but a regular file is used, and nothing blocks at open.
///
/// Every open is non-blocking and then checked with `fstat` on the descriptor it gave: a FIFO with
/// no writer (or no reader) would otherwise block the open for ever, a terminal would get JSON
/// drawn over the dashboard, a directory would fail later with a foreign error, and a device such
/// as `/dev/full` would lose every write. Each of those is refused with plain words instead.
public enum CheckedFile {
    /// Opens `path` for reading: a regular file only.
    /// - Throws: ``CheckedFileError`` saying what the path is instead, or the system's reason.
    public static func openForReading(_ path: String) throws(CheckedFileError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw CheckedFileError(path: path, reason: reason(errno)) }
        return try checked(descriptor, path: path, allowStandardOutput: false)
    }

    /// Opens `path` for appending, creating it with mode 0600: a regular file, or the very file or
    /// pipe that standard output already is (`--events /dev/stdout | jq`) when that is not a terminal.
    /// - Throws: ``CheckedFileError`` saying what the path is instead, or the system's reason.
    public static func openForAppending(_ path: String) throws(CheckedFileError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0o600)
        guard descriptor >= 0 else {
            // A FIFO nobody reads refuses a non-blocking writer with ENXIO.
            let code = errno
            throw CheckedFileError(path: path, reason: code == ENXIO ? kindReason(S_IFIFO, isTerminal: false) : reason(code))
        }
        return try checked(descriptor, path: path, allowStandardOutput: true)
    }

    /// Reads a regular file whole, refusing one larger than `limit` bytes without reading past it.
    /// - Throws: ``CheckedFileError``; a file over the limit is reported with `tooLarge` set.
    public static func contents(of path: String, limit: Int) throws(CheckedFileError) -> [UInt8] {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        let bytes = try readToEnd(descriptor, path: path, limit: limit)
        guard bytes.count <= limit else { throw CheckedFileError(path: path, reason: "it is larger than \(limit) bytes", tooLarge: true) }
        return bytes
    }

    /// Reads `descriptor` (a file, or standard input's pipe, which hands over what it has in
    /// pieces) until end of file or until more than `limit` bytes are in: a result longer than
    /// `limit` means there was more, and the rest is not read.
    /// - Throws: ``CheckedFileError`` naming `path`, with the system's reason for a failed read.
    public static func readToEnd(_ descriptor: Int32, path: String, limit: Int) throws(CheckedFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= limit {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CheckedFileError(path: path, reason: reason(errno))
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }

    private static func checked(_ descriptor: Int32, path: String, allowStandardOutput: Bool) throws(CheckedFileError) -> Int32 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw CheckedFileError(path: path, reason: reason(code))
        }
        let kind = status.st_mode & S_IFMT
        let terminal = isatty(descriptor) == 1
        var accepted = kind == S_IFREG
        if !accepted, allowStandardOutput, !terminal, kind == S_IFIFO || kind == S_IFSOCK {
            var output = stat()
            accepted = fstat(STDOUT_FILENO, &output) == 0 && output.st_dev == status.st_dev && output.st_ino == status.st_ino
        }
        guard accepted else {
            close(descriptor)
            throw CheckedFileError(path: path, reason: kindReason(kind, isTerminal: terminal))
        }
        // Blocking again from here: the open was the only step that could hang.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    private static func kindReason(_ kind: mode_t, isTerminal: Bool) -> String {
        if isTerminal { return "it is a terminal, not a regular file" }
        switch kind {
        case S_IFDIR: return "it is a directory, not a regular file"
        case S_IFIFO: return "it is a named pipe (FIFO), not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        default: return "it is not a regular file"
        }
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case EISDIR: kindReason(S_IFDIR, isTerminal: false)
        default: String(cString: strerror(code))
        }
    }
}

/// Why a file cannot be used: the path as given and the reason in plain words. The path is raw
/// (it is operator input); whoever prints it makes it safe for the terminal.
public struct CheckedFileError: Error, Equatable, Sendable {
    public var path: String
    public var reason: String
    /// Whether the file was refused for its size alone.
    public var tooLarge: Bool

    public init(path: String, reason: String, tooLarge: Bool = false) {
        self.path = path
        self.reason = reason
        self.tooLarge = tooLarge
    }
}
