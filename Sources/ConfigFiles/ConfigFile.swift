import FoundationEssentials
import ProtectionCore
#if canImport(Glibc)
import Glibc // the C calls below, stated so the file needs only FoundationEssentials
#endif

/// The config file, `$XDG_CONFIG_HOME/ecs-protect/config.toml` (default
/// `~/.config/ecs-protect/config.toml`): defaults for the dashboard and named target sets.
public struct ConfigFile: Equatable, Sendable {
    /// Where it was read from.
    public var path: String
    /// `[dashboard]`: options for every run.
    public var dashboard: DashboardDefaults
    /// `[targets.NAME]`, sorted by name.
    public var targetSets: [TargetSet]

    /// Files larger than this are refused unread: a config file is a few hundred bytes.
    public static let maximumBytes = 256 * 1024

    /// The target set called `name`, if the file defines one.
    public func targetSet(named name: String) -> TargetSet? {
        targetSets.first { $0.name == name }
    }

    /// `$XDG_CONFIG_HOME/ecs-protect/config.toml`, or `$HOME/.config/ecs-protect/config.toml`;
    /// nil when neither variable is usable. A relative `XDG_CONFIG_HOME` is ignored, as the XDG
    /// Base Directory specification requires (and as the theme directory does).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/ecs-protect/config.toml"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/ecs-protect/config.toml"
        }
        return nil
    }

    /// Reads and checks the file at `path`; nil when there is no file there (that is not an
    /// error: every setting has a default).
    public static func load(path: String) throws(ConfigError) -> ConfigFile? {
        let location = ConfigLocation(path: path, line: nil)
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ConfigError(location: location, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ConfigError(location: location, message: "not a regular file")
        }
        guard status.st_size <= maximumBytes else {
            throw ConfigError(location: location, message: "too large (\(status.st_size) bytes; a config file is at most \(maximumBytes))")
        }
        // POSIX reads, not FileHandle: FileHandle alone would link all of Foundation (and ICU's data).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw ConfigError(location: location, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while data.count <= maximumBytes {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ConfigError(location: location, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[..<count])
        }
        guard data.count <= maximumBytes else {
            throw ConfigError(location: location, message: "too large (a config file is at most \(maximumBytes) bytes)")
        }
        return try parse(data, path: path)
    }

    /// Checks and parses the bytes of a config file.
    public static func parse(_ data: Data, path: String) throws(ConfigError) -> ConfigFile {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(location: ConfigLocation(path: path, line: firstInvalidUTF8Line(data)),
                              message: "not UTF-8 text")
        }
        if let nul = text.firstIndex(of: "\0") {
            let line = text[..<nul].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            throw ConfigError(location: ConfigLocation(path: path, line: line), message: "a NUL byte is not allowed")
        }
        if let problem = TOMLShape.problem(in: text) {
            throw ConfigError(location: ConfigLocation(path: path, line: problem.line), message: problem.message)
        }
        return try ConfigReader(text: text, path: path).read()
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end == data.endIndex ? end : data.index(after: end)
        }
        return nil
    }
}
