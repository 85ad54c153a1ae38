import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Synchronization
import Testing

/// IAM Identity Center, web identity and credential_source, each with real files on disk and
/// the simulator's listener as the loopback portal, SSO OIDC and STS.
@Suite(.serialized) struct IdentityProviderTests {
    let transport = sharedTestTransport

    @Test func theCacheFileIsNamedAsTheAWSCLINamesIt() {
        // sha1 of the session name, or of the start URL for the legacy keys (values from Python's hashlib).
        #expect(HexDigest.sha1("corp") == "ee0bfd2552fbd840c02cc48b6e823320543c450f")
        #expect(HexDigest.sha1(SignIn.startURL) == "a51746d4aa793ae07b25e90c3a5db96fc7832bd7")
    }

    @Test func anSSOSessionProfileGetsRoleCredentialsFromThePortal() async throws {
        let clock = ManualSimulatorClock(start: Date())
        try await withIdentitySimulator(clock: clock, lifetime: 3600) { simulator, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                SignIn.cachePath("corp"): SignIn.cacheJSON(expiresIn: 3600),
            ]) { (home: String) async throws in
                let chain = CredentialChain(environment: homeEnvironment(home, ["AWS_ENDPOINT_URL_SSO": url]),
                                            explicitProfile: "dev", transport: transport)
                let resolution = try await chain.resolveWithTrail()
                #expect(resolution.source == "profile dev (SSO)")
                #expect(resolution.credentials.accessKeyID == simulatorKey.accessKeyID)
                #expect(resolution.credentials.secretAccessKey == simulatorKey.secretAccessKey)
                #expect(resolution.credentials.sessionToken == "simulated-session-token")
                let expiry = try #require(resolution.credentials.expiration)
                // The portal's milliseconds, kept to the whole second as botocore keeps them.
                #expect(expiry.timeIntervalSince1970 == (clock.now().timeIntervalSince1970 + 3600).rounded(.down), "\(expiry)")
                // A token far from its expiry is not refreshed: the file is untouched.
                let cached = try String(contentsOfFile: home + "/" + SignIn.cachePath("corp"), encoding: .utf8)
                #expect(cached.contains(SignIn.accessToken))
            }
        }
    }

    @Test func theLegacyFormUsesTheStartURLAndTheServicesSection() async throws {
        try await withIdentitySimulator { _, url in
            let config = SignIn.config.replacingOccurrences(
                of: "[profile legacy]", with: "[profile legacy]\nservices = local") + "\n[services local]\nsso =\n  endpoint_url = \(url)\n"
            try await withFiles([
                ".aws/config": config,
                SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: 600, refreshable: false),
            ]) { (home: String) async throws in
                let resolution = try await CredentialChain(environment: homeEnvironment(home), explicitProfile: "legacy",
                                                           transport: transport).resolveWithTrail()
                #expect(resolution.source == "profile legacy (SSO)")
                #expect(resolution.credentials.accessKeyID == simulatorKey.accessKeyID)
            }
        }
    }

    @Test func anExpiredOrMissingSignInIsOneLineNamingTheLoginCommand() async throws {
        try await withIdentitySimulator { _, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: -60, refreshable: false),
            ]) { (home: String) async throws in
                let environment = homeEnvironment(home, ["AWS_ENDPOINT_URL_SSO": url])
                let expired = await configurationError {
                    try await CredentialChain(environment: environment, explicitProfile: "legacy", transport: transport).resolve()
                }
                #expect(expired?.message == "the SSO sign-in of profile legacy has expired; run: aws sso login --profile legacy")
                #expect(expired?.signInCommand == "aws sso login --profile legacy")
                // No token file for the session at all.
                let missing = await configurationError {
                    try await CredentialChain(environment: environment, explicitProfile: "dev", transport: transport).resolve()
                }
                #expect(missing?.message == "profile dev is not signed in to IAM Identity Center; run: aws sso login --profile dev")
                #expect(missing?.message.contains("\n") == false)
            }
        }
    }

    @Test func aTokenThePortalRefusesAsksForANewSignIn() async throws {
        try await withIdentitySimulator { _, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                SignIn.cachePath("corp"): SignIn.cacheJSON(accessToken: "revoked", expiresIn: 3600),
            ]) { (home: String) async throws in
                let error = await configurationError {
                    try await CredentialChain(environment: homeEnvironment(home, ["AWS_ENDPOINT_URL_SSO": url]),
                                              explicitProfile: "dev", transport: transport).resolve()
                }
                #expect(error?.message == "the SSO sign-in of profile dev was refused by the portal; run: aws sso login --profile dev")
            }
        }
    }

    @Test func anExpiringSessionTokenIsRefreshedAndWrittenBackAtomically() async throws {
        try await withIdentitySimulator { _, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                // Expired already: only the refresh grant can save it.
                SignIn.cachePath("corp"): SignIn.cacheJSON(expiresIn: -30),
            ]) { (home: String) async throws in
                let environment = homeEnvironment(home, ["AWS_ENDPOINT_URL_SSO": url, "AWS_ENDPOINT_URL_SSO_OIDC": url])
                let before = Date()
                let resolution = try await CredentialChain(environment: environment, explicitProfile: "dev", transport: transport)
                    .resolveWithTrail()
                let after = Date()
                #expect(resolution.credentials.accessKeyID == simulatorKey.accessKeyID)
                let path = home + "/" + SignIn.cachePath("corp")
                let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: String])
                #expect(written["accessToken"]?.hasPrefix("simulated-access-") == true, "\(written.keys.sorted())")
                #expect(written["refreshToken"] == SignIn.refreshToken)
                #expect(written["clientId"] == "client-id-of-the-test" && written["clientSecret"] == "client-secret-of-the-test")
                #expect(written["registrationExpiresAt"] == "2099-01-01T00:00:00Z")
                #expect(written["startUrl"] == SignIn.startURL && written["region"] == "us-east-1")
                let expiresAt = try #require(written["expiresAt"].flatMap(RFC3339.parse))
                // expiresIn 28800 from the moment of the call, to the whole second.
                #expect(expiresAt >= before.addingTimeInterval(28_800 - 1) && expiresAt <= after.addingTimeInterval(28_800), "\(expiresAt)")
                #expect(written["expiresAt"]?.hasSuffix("Z") == true && written["expiresAt"]?.contains(".") == false)
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.posixPermissions] as? Int) == 0o600)
                // Nothing left behind by the atomic write.
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: home + "/.aws/sso/cache").filter { $0.hasSuffix(".tmp") }
                #expect(leftovers.isEmpty)
            }
        }
    }

    @Test func webIdentityFromTheEnvironmentAndFromAProfile() async throws {
        let clock = ManualSimulatorClock(start: Date())
        try await withIdentitySimulator(clock: clock, lifetime: 900) { _, url in
            try await withFiles([
                "token": "eyJhbGciOiJSUzI1NiJ9.payload.signature",
                ".aws/config": "[profile ci]\nweb_identity_token_file = TOKEN\nrole_arn = arn:aws:iam::111122223333:role/ci\nregion = us-west-2\n",
            ]) { (home: String) async throws in
                try String(contentsOfFile: home + "/.aws/config", encoding: .utf8)
                    .replacingOccurrences(of: "TOKEN", with: home + "/token")
                    .write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
                let fromEnvironment = try await CredentialChain(environment: homeEnvironment(home, [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": home + "/token", "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/ci",
                    "AWS_ROLE_SESSION_NAME": "build-42", "AWS_ENDPOINT_URL_STS": url,
                ]), region: "us-west-2", transport: transport).resolveWithTrail()
                #expect(fromEnvironment.source == "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
                #expect(fromEnvironment.credentials.accessKeyID == simulatorKey.accessKeyID)
                #expect(fromEnvironment.credentials.sessionToken == "simulated-session-token")
                let expiry = try #require(fromEnvironment.credentials.expiration)
                #expect(expiry.timeIntervalSince1970 == (clock.now().timeIntervalSince1970 + 900).rounded(.down))

                // --profile: the profile's keys, the environment's ignored (its file does not exist).
                let fromProfile = try await CredentialChain(environment: homeEnvironment(home, [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": home + "/absent", "AWS_ENDPOINT_URL_STS": url,
                ]), explicitProfile: "ci", transport: transport).resolveWithTrail()
                #expect(fromProfile.source == "profile ci (web identity)")
                #expect(fromProfile.credentials.accessKeyID == simulatorKey.accessKeyID)

                let noRole = await configurationError {
                    try await CredentialChain(environment: homeEnvironment(home, ["AWS_WEB_IDENTITY_TOKEN_FILE": home + "/token"]),
                                              transport: transport).resolve()
                }
                #expect(noRole?.message.contains("has no role") == true, "\(String(describing: noRole))")
            }
        }
    }

    @Test func credentialSourceEnvironmentContainerAndInstanceMetadata() async throws {
        let sources = try await credentialSourcesServer()
        defer { Task { await sources.close() } }
        let clock = ManualSimulatorClock(start: Date())
        try await withIdentitySimulator(clock: clock, lifetime: 1200) { _, url in
            let config = ["Environment", "EcsContainer", "Ec2InstanceMetadata"].map {
                "[profile \($0)]\nrole_arn = arn:aws:iam::111122223333:role/ops\ncredential_source = \($0)\nregion = us-west-2\n"
            }.joined() + "[profile both]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Environment\nsource_profile = x\n"
                + "[profile lower]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = environment\n"
            try await withFiles([".aws/config": config]) { (home: String) async throws in
                let environment = homeEnvironment(home, [
                    "AWS_ENDPOINT_URL_STS": url,
                    "AWS_ACCESS_KEY_ID": simulatorKey.accessKeyID, "AWS_SECRET_ACCESS_KEY": simulatorKey.secretAccessKey,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": sources.url + "/container",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": sources.url,
                ])
                for profile in ["Environment", "EcsContainer", "Ec2InstanceMetadata"] {
                    let resolution = try await CredentialChain(environment: environment, explicitProfile: profile, transport: transport)
                        .resolveWithTrail()
                    #expect(resolution.source == "profile \(profile) (role_arn)")
                    let expiry = try #require(resolution.credentials.expiration)
                    #expect(expiry.timeIntervalSince1970 == (clock.now().timeIntervalSince1970 + 1200).rounded(.down),
                            "\(profile): STS's expiry, not the source's")
                }
                let both = await configurationError {
                    try await CredentialChain(environment: environment, explicitProfile: "both", transport: transport).resolve()
                }
                #expect(both?.message == "profile both has both source_profile and credential_source")
                // botocore takes the names as spelt, and so do we.
                let lower = await configurationError {
                    try await CredentialChain(environment: environment, explicitProfile: "lower", transport: transport).resolve()
                }
                #expect(lower?.message == "profile lower: credential_source environment is not Environment, EcsContainer or Ec2InstanceMetadata")
            }
        }
    }

    @Test func theDashboardsProviderPassesTheSignInLineThrough() async throws {
        try await withIdentitySimulator(lifetime: 100) { simulator, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: 3600, refreshable: false),
            ]) { (home: String) async throws in
                let environment = homeEnvironment(home, ["AWS_ENDPOINT_URL_SSO": url, "AWS_ENDPOINT_URL_ECS": url])
                let access = try await ECSAccess.resolve(environment: environment, profile: "legacy", transport: transport)
                try await access.checkCredentials()
                let listed = await access.client.listTasks(.init(cluster: simulator.clusterName))
                #expect(try listed.get().count == 2)

                // What the dashboard's client holds, on a clock the test moves.
                let offset = Mutex<TimeInterval>(0)
                let provider = RefreshingCredentialsProvider(now: { Date().addingTimeInterval(offset.withLock { $0 }) }) {
                    () async throws(AWSConfigurationError) -> AWSCredentials in
                    try await CredentialChain(environment: environment, explicitProfile: "legacy", transport: transport).resolve().credentials
                }
                #expect(try await provider.credentials().accessKeyID == simulatorKey.accessKeyID)
                // The sign-in ends. Credentials valid for 100 s sit inside the 5-minute refresh window:
                // each call tries to refresh, and keeps the cached ones while they still work...
                try SignIn.cacheJSON(expiresIn: -1, refreshable: false)
                    .write(toFile: home + "/" + SignIn.cachePath(SignIn.startURL), atomically: true, encoding: .utf8)
                #expect(try await provider.credentials().accessKeyID == simulatorKey.accessKeyID)
                // ...and once they have expired, the sign-in line is the error, as it is.
                offset.withLock { $0 = 200 }
                let error = await configurationError { try await provider.credentials() }
                #expect(error?.message == "the SSO sign-in of profile legacy has expired; run: aws sso login --profile legacy")
                #expect(error?.signInCommand == "aws sso login --profile legacy")
            }
        }
    }
}
