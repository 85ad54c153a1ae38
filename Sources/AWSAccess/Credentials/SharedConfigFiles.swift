import FileAccess
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SafeText

/// The AWS shared files (`~/.aws/config` and `~/.aws/credentials`), parsed as the CLI reads them:
/// `[default]` and `[profile NAME]` in the config file, `[NAME]` in the credentials file, `key = value`
/// lines, `#`/`;` comments, indented lines belonging to a nested block (kept only in `[services NAME]`
/// sections, where they set a service's endpoint). `[sso-session NAME]` sections are kept too. The
/// credentials file wins where both set a key.
public struct SharedConfigFiles: Sendable {
    /// Profiles by name, merged from both files.
    public private(set) var profiles: [String: [String: String]] = [:]
    /// `[sso-session NAME]` sections of the config file, by name.
    public private(set) var ssoSessions: [String: [String: String]] = [:]
    /// `[services NAME]` sections of the config file: service key → setting → value.
    public private(set) var services: [String: [String: [String: String]]] = [:]
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
        parseSections(text, isConfigFile: isConfigFile).profiles
    }

    /// Every section a file holds: profiles, and (config file only) `[sso-session NAME]` and
    /// `[services NAME]` sections, the latter with their nested per-service blocks.
    struct Sections {
        var profiles: [String: [String: String]] = [:]
        var ssoSessions: [String: [String: String]] = [:]
        var services: [String: [String: [String: String]]] = [:]
    }

    private enum SectionKind {
        case profile, ssoSession, services
    }

    static func parseSections(_ text: String, isConfigFile: Bool) -> Sections {
        var sections = Sections()
        var current: (kind: SectionKind, name: String)?
        var nestedBlock: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingHorizontalWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                nestedBlock = nil
                guard line.hasSuffix("]") else { current = nil; continue }
                let name = line.dropFirst().dropLast().trimmingHorizontalWhitespace()
                current = section(name, isConfigFile: isConfigFile)
                switch current {
                case (.profile, let name)?: if sections.profiles[name] == nil { sections.profiles[name] = [:] }
                case (.ssoSession, let name)?: if sections.ssoSessions[name] == nil { sections.ssoSessions[name] = [:] }
                case (.services, let name)?: if sections.services[name] == nil { sections.services[name] = [:] }
                case nil: break
                }
                continue
            }
            guard let section = current else { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingHorizontalWhitespace().lowercased()
            var value = line[line.index(after: equals)...].trimmingHorizontalWhitespace()
            // An inline comment needs white space before its `#` or `;`.
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let range = value.firstRange(of: marker) { value = value[..<range.lowerBound].trimmingHorizontalWhitespace() }
            }
            if indented, let block = nestedBlock {
                // Nested settings matter only in `services` sections (an endpoint per service).
                if section.kind == .services { sections.services[section.name]?[block, default: [:]][key] = value }
                continue
            }
            if value.isEmpty && !indented {
                nestedBlock = key
                continue
            }
            nestedBlock = nil
            switch section.kind {
            case .profile: sections.profiles[section.name]?[key] = value
            case .ssoSession: sections.ssoSessions[section.name]?[key] = value
            case .services: break
            }
        }
        return sections
    }

    /// The section a header names, or `nil` for sections that are none of ours.
    private static func section(_ header: String, isConfigFile: Bool) -> (kind: SectionKind, name: String)? {
        guard isConfigFile else { return header.isEmpty ? nil : (.profile, header) }
        if header == "default" { return (.profile, "default") }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let name = parts[1].trimmingHorizontalWhitespace()
        switch parts[0] {
        case "profile": return (.profile, name)
        case "sso-session": return (.ssoSession, name)
        case "services": return (.services, name)
        default: return nil
        }
    }

    /// The per-service settings of the `services` section `profile` names (`services = NAME`),
    /// keyed by the service's configuration key (`ecs`, `sso`, `sso_oidc`, `sts`).
    public func serviceSettings(profile: String) -> [String: [String: String]] {
        guard let name = profiles[profile]?["services"] else { return [:] }
        return services[name] ?? [:]
    }

    private mutating func merge(path: String, isConfigFile: Bool) throws(AWSConfigurationError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            notes.append("\(path) (absent)")
            return
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw AWSConfigurationError("\(path) is a directory, not an AWS \(isConfigFile ? "config" : "credentials") file")
        }
        let bytes: [UInt8]
        do {
            bytes = try CheckedFile.contents(of: path, limit: Self.maximumFileBytes)
        } catch {
            if error.tooLarge { throw AWSConfigurationError("\(path) is larger than \(Self.maximumFileBytes) bytes") }
            throw AWSConfigurationError("\(path) could not be read (\(error.reason == String(cString: strerror(EACCES)) ? "permissions?" : error.reason))")
        }
        guard let text = String(data: Data(bytes), encoding: .utf8) else {
            throw AWSConfigurationError("\(path) is not UTF-8 text")
        }
        notes.append(path)
        let sections = Self.parseSections(text, isConfigFile: isConfigFile)
        for (name, values) in sections.profiles {
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        ssoSessions.merge(sections.ssoSessions) { _, new in new }
        services.merge(sections.services) { _, new in new }
    }
}
