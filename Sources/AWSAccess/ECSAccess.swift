/// Everything needed to call ECS from this process's settings: region, endpoint, credentials.
public struct ECSAccess: Sendable {
    /// The client.
    public let client: ECSClient
    /// The region and where it came from.
    public let region: String
    /// Where the region was found (`--region`, `AWS_REGION`, …).
    public let regionSource: String
    /// The ECS endpoint in use.
    public let endpoint: AWSEndpoint
    /// The credentials provider (cached, refreshed before expiry).
    public let credentials: RefreshingCredentialsProvider

    /// Resolves region and endpoint now; credentials are resolved on the first call (and checked
    /// by ``checkCredentials()``). `transport` carries ECS, STS and the metadata endpoints.
    public static func resolve(
        environment: AWSEnvironment, profile: String? = nil, region: String? = nil, transport: any AWSHTTPTransport,
        requestTimeout: Double = 10
    ) async throws(AWSConfigurationError) -> ECSAccess {
        let profileName = profile ?? environment["AWS_PROFILE"] ?? "default"
        let (resolvedRegion, regionSource) = try await RegionResolution.resolve(
            explicit: region, environment: environment, profile: profileName, transport: transport)
        let files = try SharedConfigFiles(environment: environment)
        let endpoint = try AWSEndpoint.forService(
            "ecs", region: resolvedRegion, environment: environment, profileValues: files.profiles[profileName] ?? [:],
            serviceSettings: files.serviceSettings(profile: profileName))
        let chain = CredentialChain(environment: environment, explicitProfile: profile, region: resolvedRegion, transport: transport)
        let provider = RefreshingCredentialsProvider(chain: chain)
        let client = ECSClient(endpoint: endpoint, region: resolvedRegion, credentials: provider, transport: transport,
                               requestTimeout: requestTimeout)
        return ECSAccess(client: client, region: resolvedRegion, regionSource: regionSource, endpoint: endpoint,
                         credentials: provider)
    }

    /// Resolves credentials now, so a missing one is reported before anything else happens.
    public func checkCredentials() async throws(AWSConfigurationError) {
        _ = try await credentials.credentials()
    }
}
