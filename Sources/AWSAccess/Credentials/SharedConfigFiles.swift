import Foundation

/// The AWS shared files (`~/.aws/config` and `~/.aws/credentials`), parsed as the CLI reads them:
/// `[default]` and `[profile NAME]` in the config file, `[NAME]` in the credentials file, `key = value`
/// lines, `#`/`;` comments, indented lines belonging to a nested block (ignored here). The
/// credentials file wins where both set a key.
public struct SharedConfigFiles: Sendable {
    /// Profiles by name, merged from both files.
    public private(set) var profiles: [String: [String: String]] = [:]
    /// Where each file was looked for and what was found, for error messages.
    public private(set) var notes: [String] = []

    /// Largest file read.
    static let maximumFileBytes = 1 << 20

    /// Reads both files; a missing file is no error, an unreadable or oversized one is.
    /// - Throws: ``AWSConfigurationError`` naming the file.
    public init(environment: AWSEnvironment) throws(AWSConfigurationError) {
        if let path = environment.configFilePath {
            try merge(path: path, isConfigFile: true)
        }
        if let path = environment.credentialsFilePath {
            try merge(path: path, isConfigFile: false)
        }
    }

    /// Parses file text (for tests and for the files above).
    public static func parse(_ text: String, isConfigFile: Bool) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        var inNestedBlock = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                inNestedBlock = false
                guard line.hasSuffix("]") else { current = nil; continue }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = profileName(section: name, isConfigFile: isConfigFile)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let profile = current else { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if indented && inNestedBlock { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An inline comment needs white space before its `#` or `;`.
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let range = value.range(of: marker) { value = value[..<range.lowerBound].trimmingCharacters(in: .whitespaces) }
            }
            inNestedBlock = value.isEmpty && !indented
            if inNestedBlock { continue }
            profiles[profile]?[key] = value
        }
        return profiles
    }

    /// The profile a section header names, or `nil` for sections that are not profiles.
    private static func profileName(section: String, isConfigFile: Bool) -> String? {
        guard isConfigFile else { return section.isEmpty ? nil : section }
        if section == "default" { return "default" }
        let parts = section.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    private mutating func merge(path: String, isConfigFile: Bool) throws(AWSConfigurationError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            notes.append("\(path) (absent)")
            return
        }
        guard !isDirectory.boolValue else { throw AWSConfigurationError("\(path) is a directory, not an AWS \(isConfigFile ? "config" : "credentials") file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AWSConfigurationError("\(path) could not be read (permissions?)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maximumFileBytes + 1)) ?? Data()
        guard data.count <= Self.maximumFileBytes else {
            throw AWSConfigurationError("\(path) is larger than \(Self.maximumFileBytes) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSConfigurationError("\(path) is not UTF-8 text")
        }
        notes.append(path)
        for (name, values) in Self.parse(text, isConfigFile: isConfigFile) {
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
    }
}
