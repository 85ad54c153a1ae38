import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SafeText

/// What the credential and region resolution reads from the process: environment variables, the
/// home directory and the two link-local services. Tests inject all of it, so they never read the
/// real `~/.aws` nor contact 169.254.169.254 or 169.254.170.2.
public struct AWSEnvironment: Sendable {
    /// Environment variables.
    public var variables: [String: String]
    /// The home directory, for `~/.aws/credentials` and `~/.aws/config`.
    public var homeDirectory: String?
    /// Base of `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (ECS: `http://169.254.170.2`).
    public var containerCredentialsBase: String
    /// Default instance metadata endpoint when `AWS_EC2_METADATA_SERVICE_ENDPOINT` is unset.
    public var defaultMetadataEndpoint: String

    /// Creates an environment.
    public init(
        variables: [String: String], homeDirectory: String?,
        containerCredentialsBase: String = "http://169.254.170.2",
        defaultMetadataEndpoint: String = "http://169.254.169.254"
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.containerCredentialsBase = containerCredentialsBase
        self.defaultMetadataEndpoint = defaultMetadataEndpoint
    }

    /// This process's environment and home directory.
    public static func current() -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables: variables, homeDirectory: variables["HOME"] ?? Self.passwordDatabaseHome() ?? "/")
    }

    /// The user's home directory from the password database (`getpwuid_r`), for a process
    /// started without `HOME`.
    static func passwordDatabaseHome() -> String? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 << 10)
        guard getpwuid_r(getuid(), &entry, &buffer, buffer.count, &found) == 0, found != nil, let directory = entry.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }

    /// A variable's value, `nil` when unset or empty (the SDKs treat empty as unset).
    public subscript(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingHorizontalWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// `path` with a leading `~/` expanded.
    func expand(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = homeDirectory else { return path }
        return home + path.dropFirst(1)
    }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    var credentialsFilePath: String? {
        self["AWS_SHARED_CREDENTIALS_FILE"].map(expand) ?? homeDirectory.map { $0 + "/.aws/credentials" }
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    var configFilePath: String? {
        self["AWS_CONFIG_FILE"].map(expand) ?? homeDirectory.map { $0 + "/.aws/config" }
    }
}
