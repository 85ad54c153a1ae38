/// A problem with the config file, reported as `file:line: what is wrong`.
struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The exit status for a config file that cannot be used (EX_CONFIG from sysexits.h).
    static let exitStatus: Int32 = 78

    var location: ConfigLocation
    /// What is wrong, already safe to print (values from the file pass through ``DisplaySafe``).
    var message: String

    var description: String { "\(location): \(message)" }
}
