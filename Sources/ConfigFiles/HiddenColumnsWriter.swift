import Foundation

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
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let mode = (try? manager.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber
            try Data(new.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            if let mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        } catch {
            throw ConfigError(location: ConfigLocation(path: path, line: nil), message: "the columns were not kept: \(error.localizedDescription)")
        }
    }

    /// `text` with `hidden-columns` set to `names` in its `[dashboard]` table.
    static func edited(_ text: String, names: [String]) -> String {
        let line = "hidden-columns = [" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        let isTableHeader = { (line: String) in line.trimmingCharacters(in: .whitespaces).hasPrefix("[") }
        guard let header = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[dashboard]") }) else {
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            lines += (lines.isEmpty ? [] : [""]) + ["[dashboard]", line, ""]
            return lines.joined(separator: "\n")
        }
        let end = lines[(header + 1)...].firstIndex(where: isTableHeader) ?? lines.endIndex
        if let existing = lines[(header + 1)..<end].firstIndex(where: {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("hidden-columns")
        }) {
            // A list written over several lines ends at its closing bracket.
            var last = existing
            while !lines[last].contains("]"), last + 1 < end { last += 1 }
            lines.replaceSubrange(existing...last, with: [line])
        } else {
            lines.insert(line, at: header + 1)
        }
        return lines.joined(separator: "\n")
    }
}
