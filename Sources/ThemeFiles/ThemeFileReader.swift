import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TerminalUI

/// Reads one theme file from disk, treating it as hostile input: only a regular file, at most
/// `maximumFileBytes`, UTF-8 text. Every refusal is a `ThemeError` naming the path.
public enum ThemeFileReader {
    /// Largest theme file read; real ones are about a kilobyte.
    public static let maximumFileBytes = 64 * 1024

    /// The text of the theme file at `path`.
    public static func read(path: String) throws(ThemeError) -> String {
        // Only a regular file: opening a FIFO would wait for a writer, a device could never end.
        // stat follows symbolic links, so a linked theme file (dotfiles) is fine.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not a regular file"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT || errno == ENOTDIR ? "no such file" : "permission denied or not a file"
            throw ThemeError(fileName: path, line: nil, problem: .unreadable(reason))
        }
        defer { close(descriptor) }
        // One byte past the cap tells a file that is too large from one that is exactly at it.
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while bytes.count <= maximumFileBytes {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ThemeError(fileName: path, line: nil, problem: .unreadable("not a readable file"))
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        guard bytes.count <= maximumFileBytes else {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("larger than \(maximumFileBytes / 1024) KiB"))
        }
        guard let text = String(data: Data(bytes), encoding: .utf8) else {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not UTF-8 text"))
        }
        return text
    }

    /// The file at `path` as a `ThemeSource`: its text, or why it cannot be used.
    public static func source(path: String) -> ThemeSource {
        do {
            return ThemeSource(path: path, text: .success(try read(path: path)))
        } catch {
            return ThemeSource(path: path, text: .failure(error))
        }
    }
}
