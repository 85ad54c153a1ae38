import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Testing

/// A sign-in as `aws sso login` leaves it: the token the simulated portal accepts, and the
/// refresh grant its simulated SSO OIDC accepts.
enum SignIn {
    static let accessToken = "sso-access-token-of-the-test"
    static let refreshToken = "sso-refresh-token-of-the-test"
    static let startURL = "https://corp.awsapps.com/start"

    /// The cache file's JSON as the AWS CLI v2 writes it after `aws sso login` with an sso-session.
    static func cacheJSON(accessToken: String = accessToken, expiresIn: TimeInterval, refreshable: Bool = true) -> String {
        var fields = [
            ("startUrl", startURL), ("region", "us-east-1"), ("accessToken", accessToken),
            ("expiresAt", RFC3339.format(Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + expiresIn).rounded(.down)))),
        ]
        if refreshable {
            fields += [("clientId", "client-id-of-the-test"), ("clientSecret", "client-secret-of-the-test"),
                       ("registrationExpiresAt", "2099-01-01T00:00:00Z"), ("refreshToken", refreshToken)]
        }
        return "{" + fields.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}"
    }

    /// The config of an sso-session profile `dev` and a legacy profile `legacy`.
    static let config = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Operator
        region = us-west-2

        [sso-session corp]
        sso_start_url = \(startURL)
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access

        [profile legacy]
        sso_start_url = \(startURL)
        sso_region = us-east-1
        sso_account_id = 111122223333
        sso_role_name = Operator
        region = us-west-2
        """

    /// The token cache path (relative to the home directory) of `key`, named as botocore names it.
    static func cachePath(_ key: String) -> String { ".aws/sso/cache/" + HexDigest.sha1(key) + ".json" }
}

/// A simulator whose ECS API listener also plays the portal, SSO OIDC and STS.
func withIdentitySimulator<T>(
    clock: any SimulatorClock = SystemSimulatorClock(), lifetime: TimeInterval = 3600,
    _ body: (AgentSimulator, String) async throws -> T
) async throws -> T {
    var configuration = apiConfiguration(taskCount: 2)
    configuration.ssoAccessTokens = [SignIn.accessToken]
    configuration.ssoRefreshTokens = [SignIn.refreshToken]
    configuration.identityCredentialLifetime = lifetime
    let simulator = AgentSimulator(configuration: configuration, clock: clock)
    try await simulator.start()
    do {
        let result = try await body(simulator, try #require(simulator.ecsAPIURL))
        try await simulator.shutdown()
        return result
    } catch {
        try await simulator.shutdown()
        throw error
    }
}

/// An environment with `home` as the home directory and the config file in it, nothing else real.
func homeEnvironment(_ home: String, _ variables: [String: String] = [:]) -> AWSEnvironment {
    var all = variables
    all["AWS_CONFIG_FILE"] = all["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
    all["AWS_SHARED_CREDENTIALS_FILE"] = all["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
    return testEnvironment(all, home: home)
}

/// Container credentials at `/container` and IMDSv2 at the root, both handing out the
/// simulator's key: the sources `credential_source` names.
func credentialSourcesServer() async throws -> LoopbackServer {
    let document = #"{"AccessKeyId":"\#(simulatorKey.accessKeyID)","SecretAccessKey":"\#(simulatorKey.secretAccessKey)","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#
    return try await LoopbackServer { request in
        switch (request.method, request.uri) {
        case ("GET", "/container"): return .init(status: 200, body: document)
        case ("PUT", "/latest/api/token"): return .init(status: 200, body: "imds-token")
        case ("GET", "/latest/meta-data/iam/security-credentials/"): return .init(status: 200, body: "node-role")
        case ("GET", "/latest/meta-data/iam/security-credentials/node-role"): return .init(status: 200, body: document)
        default: return .init(status: 404, body: "")
        }
    }
}
