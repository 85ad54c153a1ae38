import Foundation
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw ThemeError(fileName: path, line: nil, problem: .unreadable(reason))
        }
        defer { try? handle.close() }
        // One byte past the cap tells a file that is too large from one that is exactly at it.
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not a readable file"))
        }
        guard data.count <= maximumFileBytes else {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("larger than \(maximumFileBytes / 1024) KiB"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
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
