/// A configuration problem (credentials, profile, region, endpoint, files): one line naming what
/// was tried. Commands exit 64 on it. Never carries a secret.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line to print.
    public var message: String
    /// The command that fixes it when the problem is an IAM Identity Center sign-in that is
    /// missing or expired (`aws sso login --profile NAME`); the message names it too.
    public var signInCommand: String?

    /// Creates an error with its one-line message.
    public init(_ message: String, signInCommand: String? = nil) {
        self.message = message
        self.signInCommand = signInCommand
    }

    public var description: String { message }
}
