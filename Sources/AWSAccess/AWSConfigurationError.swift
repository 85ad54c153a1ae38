/// A configuration problem (credentials, profile, region, endpoint, files): one line naming what
/// was tried. Commands exit 64 on it. Never carries a secret.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line to print.
    public var message: String

    /// Creates an error with its one-line message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
