/// A problem with the config file, reported as `file:line: what is wrong`.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The exit status for a config file that cannot be used (EX_CONFIG from sysexits.h).
    public static let exitStatus: Int32 = 78

    public var location: ConfigLocation
    /// What is wrong, already safe to print (values from the file pass through ``DisplaySafe``).
    public var message: String

    public var description: String { "\(location): \(message)" }

    public init(location: ConfigLocation, message: String) {
        self.location = location
        self.message = message
    }
}
