import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SafeText

/// Keeps the column menu's choice in the config file: sets `hidden-columns` in `[dashboard]`,
/// changing only that line (or adding it, or the table), so the operator's comments and layout
/// stay. The edited text must read back as a valid config file before it replaces the old one,
/// which it does atomically with the file's mode kept.
public enum HiddenColumnsWriter {
    /// Writes `names` (column names, in table order) as `hidden-columns` into the file at `path`,
    /// creating the file and its folder when there is none.
    /// - Throws: ``ConfigError`` when the file cannot be read, would not read back, or cannot be written.
    public static func save(_ names: [String], path: String) throws(ConfigError) {
        let manager = FileManager.default
        let old: String
        // The file is checked as at start (regular, bounded, UTF-8, valid) before its text is used.
        if try ConfigFile.load(path: path) != nil {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError(location: ConfigLocation(path: path, line: nil), message: "cannot be read to keep the columns")
            }
            old = text
        } else {
            old = ""
        }
        let new = edited(old, names: names)
        do {
            _ = try ConfigReader(text: new, path: path).read()
        } catch {
            throw ConfigError(location: ConfigLocation(path: path, line: nil),
                              message: "the columns were not kept: the file would not read back (\(error.message))")
        }
        do {
            try manager.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            var status = stat()
            let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : nil
            try Data(new.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            if let mode, chmod(path, mode) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM) }
        } catch {
            throw ConfigError(location: ConfigLocation(path: path, line: nil), message: "the columns were not kept: \(reason(error))")
        }
    }

    /// The system's words for why a file operation failed (`Permission denied`), with the file.
    private static func reason(_ error: any Error) -> String {
        let cocoa = error as? CocoaError
        guard let posix = (cocoa?.underlying ?? error) as? POSIXError else { return "\(error)" }
        let words = String(cString: strerror(posix.code.rawValue))
        return cocoa?.filePath.map { "\($0): \(words)" } ?? words
    }

    /// `text` with `hidden-columns` set to `names` in its `[dashboard]` table.
    static func edited(_ text: String, names: [String]) -> String {
        let line = "hidden-columns = [" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        var lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isTableHeader = { (line: String) in line.trimmingHorizontalWhitespace().hasPrefix("[") }
        guard let header = lines.firstIndex(where: { $0.trimmingHorizontalWhitespace().hasPrefix("[dashboard]") }) else {
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            lines += (lines.isEmpty ? [] : [""]) + ["[dashboard]", line, ""]
            return lines.joined(separator: "\n")
        }
        let end = lines[(header + 1)...].firstIndex(where: isTableHeader) ?? lines.endIndex
        if let existing = lines[(header + 1)..<end].firstIndex(where: {
            $0.trimmingHorizontalWhitespace().hasPrefix("hidden-columns")
        }) {
            // A list written over several lines ends at its closing bracket.
            var last = existing
            while !lines[last].contains("]" as Character), last + 1 < end { last += 1 }
            lines.replaceSubrange(existing...last, with: [line])
        } else {
            lines.insert(line, at: header + 1)
        }
        return lines.joined(separator: "\n")
    }
}
