import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Testing

/// Each new credential provider against botocore's own resolver (what the AWS CLI and boto3
/// use): the same files and environment, the same loopback portal, SSO OIDC and STS (the
/// simulator's listener); keys, token and expiry must agree. botocore is the reference.
@Suite(.serialized) struct BotocoreCredentialAgreementTests {
    let transport = sharedTestTransport

    /// What botocore resolved, or the name of the exception it raised.
    struct Answer: Decodable {
        var accessKey: String?
        var secretKey: String?
        var token: String?
        var expiry: Double?
        var method: String?
        var error: String?
    }

    private static let script = #"""
import json, os, sys
try:
    import botocore.session
except ImportError as error:
    sys.stderr.write("botocore is missing (python3 -m pip install botocore): %s\n" % error)
    sys.exit(3)
try:
    # A profile given to the session is what --profile is to the CLI (environment keys skipped).
    credentials = botocore.session.Session(profile=os.environ.get("EXPLICIT_PROFILE")).get_credentials()
    frozen = credentials.get_frozen_credentials()
    expiry = getattr(credentials, "_expiry_time", None)
    print(json.dumps({"accessKey": frozen.access_key, "secretKey": frozen.secret_key, "token": frozen.token,
                      "expiry": expiry.timestamp() if expiry else None, "method": credentials.method}))
except Exception as error:
    print(json.dumps({"error": type(error).__name__ + ": " + str(error)}))
"""#

    /// botocore's resolution with exactly `variables` (HOME among them) as its environment.
    static func botocore(_ variables: [String: String]) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
        environment.merge(variables) { _, new in new }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputHandle = output.fileHandleForReading, errorHandle = errors.fileHandleForReading
        let collected = DispatchGroup()
        nonisolated(unsafe) var stderrData = Data()
        collected.enter()
        DispatchQueue.global().async { stderrData = errorHandle.readDataToEndOfFile(); collected.leave() }
        let stdout = outputHandle.readDataToEndOfFile()
        collected.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BotocoreReference.Failure(description: "botocore failed: " + String(decoding: stderrData, as: UTF8.self))
        }
        return try JSONDecoder().decode(Answer.self, from: stdout)
    }

    /// Ours and botocore's on two copies of the same files (each may refresh and rewrite its own).
    private func both(files: [String: String], variables: @escaping (String) -> [String: String], profile: String?)
        async throws -> (ours: Result<AWSCredentials, AWSConfigurationError>, theirs: Answer) {
        let (ours, theirs, _) = try await both(files: files, variables: variables, profile: profile, readBack: nil)
        return (ours, theirs)
    }

    /// The same, with the file at `readBack` (relative to each home) as each left it.
    private func both(files: [String: String], variables: @escaping (String) -> [String: String], profile: String?,
                      readBack: String?) async throws
        -> (ours: Result<AWSCredentials, AWSConfigurationError>, theirs: Answer, files: (ours: Data?, theirs: Data?)) {
        var ourFile: Data?
        let ours: Result<AWSCredentials, AWSConfigurationError> = try await withFiles(files) { home in
            let chain = CredentialChain(environment: homeEnvironment(home, variables(home)), explicitProfile: profile,
                                        region: "us-west-2", transport: transport)
            defer { ourFile = readBack.flatMap { FileManager.default.contents(atPath: home + "/" + $0) } }
            do throws(AWSConfigurationError) { return .success(try await chain.resolve().credentials) } catch { return .failure(error) }
        }
        var theirFile: Data?
        let theirs = try await withFiles(files) { home in
            defer { theirFile = readBack.flatMap { FileManager.default.contents(atPath: home + "/" + $0) } }
            var environment = variables(home)
            environment["HOME"] = home
            environment["AWS_CONFIG_FILE"] = home + "/.aws/config"
            environment["AWS_SHARED_CREDENTIALS_FILE"] = home + "/.aws/credentials"
            environment["AWS_DEFAULT_REGION"] = "us-west-2"
            if let profile { environment["EXPLICIT_PROFILE"] = profile }
            return try Self.botocore(environment)
        }
        return (ours, theirs, (ourFile, theirFile))
    }

    /// A server clock that stands at now: both resolvers get answers with the same expiry.
    private func stoppedClock() -> ManualSimulatorClock { ManualSimulatorClock(start: Date()) }

    private func expectAgreement(_ ours: Result<AWSCredentials, AWSConfigurationError>, _ theirs: Answer,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .success(let credentials) = ours else {
            Issue.record("ours failed where botocore gave \(theirs): \(ours)", sourceLocation: sourceLocation)
            return
        }
        #expect(theirs.error == nil, "botocore: \(theirs.error ?? "")", sourceLocation: sourceLocation)
        #expect(credentials.accessKeyID == theirs.accessKey, sourceLocation: sourceLocation)
        #expect(credentials.secretAccessKey == theirs.secretKey, sourceLocation: sourceLocation)
        #expect(credentials.sessionToken == theirs.token, sourceLocation: sourceLocation)
        let ourExpiry = credentials.expiration?.timeIntervalSince1970
        // The server's clock stands still, so both were handed the very same expiry.
        #expect(ourExpiry != nil && theirs.expiry != nil && abs((ourExpiry ?? 0) - (theirs.expiry ?? 0)) < 0.001,
                "ours \(String(describing: ourExpiry)), botocore \(String(describing: theirs.expiry))", sourceLocation: sourceLocation)
    }

    @Test func ssoSessionProfile() async throws {
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 3600) { _, url in
            let (ours, theirs) = try await both(files: [
                ".aws/config": SignIn.config, SignIn.cachePath("corp"): SignIn.cacheJSON(expiresIn: 3600),
            ], variables: { _ in ["AWS_ENDPOINT_URL_SSO": url] }, profile: "dev")
            expectAgreement(ours, theirs)
            #expect(theirs.method == "sso")
        }
    }

    @Test func legacySSOProfileThroughTheServicesSection() async throws {
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 1800) { _, url in
            let config = SignIn.config.replacingOccurrences(
                of: "[profile legacy]", with: "[profile legacy]\nservices = local") + "\n[services local]\nsso =\n  endpoint_url = \(url)\n"
            let (ours, theirs) = try await both(files: [
                ".aws/config": config, SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: 900, refreshable: false),
            ], variables: { _ in [:] }, profile: "legacy")
            expectAgreement(ours, theirs)
        }
    }

    @Test func ssoSessionTokenRefreshedThroughOIDC() async throws {
        try await withIdentitySimulator(clock: stoppedClock()) { _, url in
            let files = [".aws/config": SignIn.config, SignIn.cachePath("corp"): SignIn.cacheJSON(expiresIn: -30)]
            let variables: (String) -> [String: String] = { _ in ["AWS_ENDPOINT_URL_SSO": url, "AWS_ENDPOINT_URL_SSO_OIDC": url] }
            let started = Date()
            let (ours, theirs, written) = try await both(files: files, variables: variables, profile: "dev",
                                                         readBack: SignIn.cachePath("corp"))
            let finished = Date()
            expectAgreement(ours, theirs)
            // Both wrote the refreshed token back: the same fields, the same time format.
            let ourToken = try JSONSerialization.jsonObject(with: try #require(written.ours)) as? [String: String]
            let theirToken = try JSONSerialization.jsonObject(with: try #require(written.theirs)) as? [String: String]
            #expect(ourToken?.keys.sorted() == theirToken?.keys.sorted(), "ours \(ourToken ?? [:]), botocore \(theirToken ?? [:])")
            let ourExpiry = try #require(ourToken?["expiresAt"]), theirExpiry = try #require(theirToken?["expiresAt"])
            #expect(ourExpiry.count == theirExpiry.count && ourExpiry.hasSuffix("Z") && theirExpiry.hasSuffix("Z"), "\(ourExpiry) \(theirExpiry)")
            // Each counts expiresIn from its own call: both within the run, whole seconds.
            for expiry in [ourExpiry, theirExpiry] {
                let date = try #require(RFC3339.parse(expiry))
                #expect(date >= started.addingTimeInterval(28_800 - 1) && date <= finished.addingTimeInterval(28_800), "\(expiry)")
            }
            #expect(ourToken?["refreshToken"] == theirToken?["refreshToken"])
        }
    }

    @Test func expiredSignInFailsInBoth() async throws {
        try await withIdentitySimulator(clock: stoppedClock()) { _, url in
            let (ours, theirs) = try await both(files: [
                ".aws/config": SignIn.config, SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: -60, refreshable: false),
            ], variables: { _ in ["AWS_ENDPOINT_URL_SSO": url] }, profile: "legacy")
            #expect(theirs.error?.hasPrefix("UnauthorizedSSOTokenError") == true, "\(theirs)")
            guard case .failure(let error) = ours else { Issue.record("ours resolved an expired sign-in"); return }
            #expect(error.signInCommand == "aws sso login --profile legacy")
        }
    }

    @Test func webIdentityFromTheEnvironment() async throws {
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 900) { _, url in
            let (ours, theirs) = try await both(files: [".aws/config": "[default]\nregion = us-west-2\n", "token": "header.payload.sig"],
                                                variables: { home in [
                "AWS_WEB_IDENTITY_TOKEN_FILE": home + "/token", "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/ci",
                "AWS_ROLE_SESSION_NAME": "agreement", "AWS_ENDPOINT_URL_STS": url,
            ] }, profile: nil)
            expectAgreement(ours, theirs)
            #expect(theirs.method == "assume-role-with-web-identity")
        }
    }

    @Test func webIdentityFromAProfile() async throws {
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 700) { _, url in
            let config = "[profile ci]\nweb_identity_token_file = TOKENPATH\nrole_arn = arn:aws:iam::111122223333:role/ci\n"
            let (ours, theirs) = try await both(files: [".aws/config": config, "token": "header.payload.sig"], variables: { home in
                // The path is only known once the directory exists: rewrite the config in place.
                let path = home + "/.aws/config"
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                try? text.replacingOccurrences(of: "TOKENPATH", with: home + "/token").write(toFile: path, atomically: true, encoding: .utf8)
                return ["AWS_ENDPOINT_URL_STS": url]
            }, profile: "ci")
            expectAgreement(ours, theirs)
        }
    }

    @Test func credentialSourceEnvironment() async throws {
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 1500) { _, url in
            let config = "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/ops\ncredential_source = Environment\n"
            let (ours, theirs) = try await both(files: [".aws/config": config], variables: { _ in [
                "AWS_ENDPOINT_URL_STS": url, "AWS_ACCESS_KEY_ID": simulatorKey.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": simulatorKey.secretAccessKey,
            ] }, profile: "ops")
            expectAgreement(ours, theirs)
            #expect(theirs.method == "assume-role")
        }
    }

    @Test func credentialSourceContainerAndInstanceMetadata() async throws {
        let sources = try await credentialSourcesServer()
        defer { Task { await sources.close() } }
        try await withIdentitySimulator(clock: stoppedClock(), lifetime: 1300) { _, url in
            for source in ["EcsContainer", "Ec2InstanceMetadata"] {
                let config = "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/ops\ncredential_source = \(source)\n"
                var variables = ["AWS_ENDPOINT_URL_STS": url]
                if source == "EcsContainer" {
                    variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = sources.url + "/container"
                } else {
                    variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = sources.url + "/"
                    variables["AWS_EC2_METADATA_DISABLED"] = "false"
                }
                let fixed = variables
                let (ours, theirs) = try await both(files: [".aws/config": config], variables: { _ in fixed }, profile: "ops")
                expectAgreement(ours, theirs)
            }
        }
    }
}
