import AWSSigning
import FoundationEssentials
import ProtectionCore

/// Caches credentials from a resolver and resolves again before they expire: within
/// `refreshWindow` of the expiry a refresh is attempted (one at a time); if it fails the cached
/// credentials are used while they are still valid, never after their `Expiration`.
public actor RefreshingCredentialsProvider: AWSCredentialsProvider {
    /// Resolves fresh credentials.
    public typealias Resolver = @Sendable () async throws(AWSConfigurationError) -> AWSCredentials

    private let resolver: Resolver
    private let refreshWindow: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<Result<AWSCredentials, AWSConfigurationError>, Never>?
    /// How many times the resolver ran (for tests and diagnostics).
    public private(set) var resolutions = 0

    /// Creates a provider; `refreshWindow` is how long before expiry a refresh starts (5 minutes).
    public init(refreshWindow: TimeInterval = 300, now: @escaping @Sendable () -> Date = { Date() }, resolver: @escaping Resolver) {
        self.resolver = resolver
        self.refreshWindow = refreshWindow
        self.now = now
    }

    /// A provider over a ``CredentialChain``.
    public init(chain: CredentialChain) {
        self.init { () async throws(AWSConfigurationError) -> AWSCredentials in try await chain.resolve().credentials }
    }

    public func credentials() async throws(AWSConfigurationError) -> AWSCredentials {
        let current = now()
        if let cached {
            guard let expiration = cached.expiration else { return cached }
            if expiration.timeIntervalSince(current) > refreshWindow { return cached }
        }
        let result = await refresh()
        switch result {
        case .success(let fresh):
            if let expiration = fresh.expiration, expiration <= now() {
                throw AWSConfigurationError("the credentials found expired at \(RFC3339.format(expiration)) "
                    + "(access key \(fresh.accessKeyID))")
            }
            return fresh
        case .failure(let error):
            if let cached, let expiration = cached.expiration, expiration > now() { return cached }
            // A sign-in to renew is said as it is: one line naming the command.
            if error.signInCommand != nil { throw error }
            if let cached, let expiration = cached.expiration {
                throw AWSConfigurationError("credentials expired at \(RFC3339.format(expiration)) and could not be "
                    + "refreshed: \(error.message)")
            }
            throw error
        }
    }

    private func refresh() async -> Result<AWSCredentials, AWSConfigurationError> {
        if let inFlight { return await inFlight.value }
        let resolver = self.resolver
        let task = Task { () -> Result<AWSCredentials, AWSConfigurationError> in
            do throws(AWSConfigurationError) { return .success(try await resolver()) } catch { return .failure(error) }
        }
        inFlight = task
        resolutions += 1
        let result = await task.value
        inFlight = nil
        if case .success(let fresh) = result { cached = fresh }
        return result
    }
}
