import AWSSigning

/// A source of credentials. Providers of temporary credentials refresh them before they expire.
public protocol AWSCredentialsProvider: Sendable {
    /// Credentials valid now.
    /// - Throws: ``AWSConfigurationError`` naming what was tried.
    func credentials() async throws(AWSConfigurationError) -> AWSCredentials
}

/// Fixed credentials.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    /// The credentials returned every time.
    public let fixed: AWSCredentials

    /// Creates a provider.
    public init(_ credentials: AWSCredentials) {
        fixed = credentials
    }

    public func credentials() async throws(AWSConfigurationError) -> AWSCredentials { fixed }
}
