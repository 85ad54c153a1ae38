import AWSAccess
import AWSSigning
import Foundation
import Synchronization
import Testing

/// A fresh temporary directory with the given files, removed afterwards.
func withFiles<T>(_ files: [String: String], _ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-aws-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for (name, text) in files {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return try await body(directory)
}

/// An environment that reaches nothing real: no home files unless given, metadata pointed at a
/// closed loopback port unless given, container base on loopback.
func testEnvironment(_ variables: [String: String], home: String? = nil) -> AWSEnvironment {
    var variables = variables
    if variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] == nil && variables["AWS_EC2_METADATA_DISABLED"] == nil {
        variables["AWS_EC2_METADATA_DISABLED"] = "true"
    }
    return AWSEnvironment(variables: variables, homeDirectory: home ?? "/nonexistent-home-for-tests",
                          containerCredentialsBase: "http://127.0.0.1:9", defaultMetadataEndpoint: "http://127.0.0.1:9")
}

func credentialsDocument(_ key: String, expiration: String = "2099-01-01T00:00:00Z", tokenKey: String = "Token") -> String {
    #"{"AccessKeyId":"\#(key)","SecretAccessKey":"secret-\#(key)","\#(tokenKey)":"token-\#(key)","Expiration":"\#(expiration)"}"#
}

/// One transport for every credential test, alive for the whole run (an async-http-client pool
/// must be shut down before it is released; a global never is).
let sharedTestTransport: PooledHTTPTransport = {
    do {
        return try PooledHTTPTransport()
    } catch {
        fatalError("a transport without a CA bundle cannot fail: \(error)")
    }
}()

@Suite(.serialized) struct CredentialChainTests {
    let transport = sharedTestTransport

    @Test func environmentKeysComeFirst() async throws {
        let chain = CredentialChain(environment: testEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ]), transport: transport)
        let (credentials, source) = try await chain.resolve()
        #expect(credentials == AWSCredentials(accessKeyID: "AKIAENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
        #expect(source == "environment")
        #expect(!credentials.description.contains("env-secret") && !credentials.description.contains("env-token"))
    }

    @Test func aKeyWithoutSecretIsAnError() async throws {
        let chain = CredentialChain(environment: testEnvironment(["AWS_ACCESS_KEY_ID": "AKIAENV"]), transport: transport)
        await #expect(throws: AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            try await chain.resolve()
        }
    }

    @Test func sharedFilesWithProfilesAndOverrides() async throws {
        try await withFiles([
            "creds": """
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default-secret
            # a comment
            [work]
            aws_access_key_id=AKIAWORK
            aws_secret_access_key=work-secret
            aws_session_token = work-token
            """,
            "conf": """
            [default]
            region = eu-west-1
            [profile work]
            region = ap-southeast-2
            s3 =
              max_concurrent_requests = 20
            [profile proc]
            credential_process = /bin/echo '{"Version":1,"AccessKeyId":"AKIAPROC","SecretAccessKey":"proc-secret"}'
            [work]
            aws_access_key_id = AKIAIGNORED
            """,
        ]) { (directory: String) async throws in
            let base = ["AWS_SHARED_CREDENTIALS_FILE": directory + "/creds", "AWS_CONFIG_FILE": directory + "/conf"]
            let defaultChain = CredentialChain(environment: testEnvironment(base), transport: transport)
            #expect(try await defaultChain.resolve().credentials.accessKeyID == "AKIADEFAULT")

            var withProfile = base
            withProfile["AWS_PROFILE"] = "work"
            let work = try await CredentialChain(environment: testEnvironment(withProfile), transport: transport).resolve()
            #expect(work.credentials == AWSCredentials(accessKeyID: "AKIAWORK", secretAccessKey: "work-secret", sessionToken: "work-token"))
            #expect(work.source == "profile work")

            // --profile skips the environment's keys, as the CLI does.
            var both = base
            both["AWS_ACCESS_KEY_ID"] = "AKIAENV"
            both["AWS_SECRET_ACCESS_KEY"] = "env"
            let explicit = CredentialChain(environment: testEnvironment(both), explicitProfile: "proc", transport: transport)
            #expect(try await explicit.resolve().credentials == AWSCredentials(accessKeyID: "AKIAPROC", secretAccessKey: "proc-secret"))

            let region = try await RegionResolution.resolve(
                explicit: nil, environment: testEnvironment(withProfile), profile: "work", transport: transport)
            #expect(region.region == "ap-southeast-2")
            let missing = CredentialChain(environment: testEnvironment(base), explicitProfile: "nope", transport: transport)
            if let error = await configurationError({ try await missing.resolve() }) {
                #expect(error.message.hasPrefix("the profile nope is in neither"))
                #expect(error.message.contains(directory + "/creds"))
            }
        }
    }

    @Test func credentialProcessFailuresAreOneLine() async throws {
        try await withFiles([
            "conf": """
            [profile fails]
            credential_process = /bin/sh -c 'echo secret-output; exit 3'
            [profile garbage]
            credential_process = /bin/echo not json at all secret-ish
            [profile quoted]
            credential_process = "/bin/echo" "{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIAQ\\", \\"SecretAccessKey\\": \\"q s\\", \\"Expiration\\": \\"2099-01-01T00:00:00Z\\"}"
            """,
        ]) { (directory: String) async throws in
            let environment = testEnvironment(["AWS_CONFIG_FILE": directory + "/conf"])
            if let error = await configurationError({ try await CredentialChain(environment: environment, explicitProfile: "fails", transport: transport).resolve() }) {
                #expect(error.message == "credential_process of profile fails: /bin/sh exited with status 3")
            }
            if let error = await configurationError({ try await CredentialChain(environment: environment, explicitProfile: "garbage", transport: transport).resolve() }) {
                #expect(error.message == "credential_process of profile garbage did not return a JSON credentials document")
            }
            let quoted = try await CredentialChain(environment: environment, explicitProfile: "quoted", transport: transport).resolve()
            #expect(quoted.credentials.secretAccessKey == "q s")
            #expect(quoted.credentials.expiration == Date(timeIntervalSince1970: 4_070_908_800))
        }
    }

    @Test func containerCredentialsRelativeAndFullWithTokens() async throws {
        let server = try await LoopbackServer { request in
            switch request.uri {
            case "/v2/credentials/abc": return .init(status: 200, body: credentialsDocument("AKIAREL"))
            case "/full" where request.header("Authorization") == "token-from-file":
                return .init(status: 200, body: credentialsDocument("AKIAFULL"))
            case "/full" where request.header("Authorization") == "token-from-env":
                return .init(status: 200, body: credentialsDocument("AKIAFULLENV"))
            default: return .init(status: 403, body: "no")
            }
        }
        defer { Task { await server.close() } }
        var relative = testEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"])
        relative.containerCredentialsBase = server.url
        let fromRelative = try await CredentialChain(environment: relative, transport: transport).resolve()
        #expect(fromRelative.credentials.accessKeyID == "AKIAREL")
        #expect(fromRelative.credentials.sessionToken == "token-AKIAREL")
        #expect(fromRelative.source == "container credentials")

        try await withFiles(["token": "token-from-file\n"]) { (directory: String) async throws in
            let full = testEnvironment([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/full",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": directory + "/token",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "token-from-env",
            ])
            #expect(try await CredentialChain(environment: full, transport: transport).resolve().credentials.accessKeyID == "AKIAFULL")
        }
        let fullEnv = testEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/full", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "token-from-env",
        ])
        #expect(try await CredentialChain(environment: fullEnv, transport: transport).resolve().credentials.accessKeyID == "AKIAFULLENV")

        let refused = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/full"])
        await #expect(throws: AWSConfigurationError("container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI): HTTP 403")) {
            try await CredentialChain(environment: refused, transport: transport).resolve()
        }
        let remote = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"])
        await #expect(throws: AWSConfigurationError.self) {
            try await CredentialChain(environment: remote, transport: transport).resolve()
        }
        #expect(server.requests.allSatisfy { $0.method == "GET" })
    }

    @Test func instanceMetadataIMDSv2TokenThenRole() async throws {
        let server = try await LoopbackServer { request in
            if request.method == "PUT", request.uri == "/latest/api/token",
               request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" {
                return .init(status: 200, body: "imds-token")
            }
            guard request.header("X-aws-ec2-metadata-token") == "imds-token" else { return .init(status: 401, body: "") }
            switch request.uri {
            case "/latest/meta-data/iam/security-credentials/": return .init(status: 200, body: "my-role\n")
            case "/latest/meta-data/iam/security-credentials/my-role":
                return .init(status: 200, body: #"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"AKIAIMDS","SecretAccessKey":"s","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#)
            case "/latest/meta-data/placement/region": return .init(status: 200, body: "sa-east-1")
            default: return .init(status: 404, body: "")
            }
        }
        defer { Task { await server.close() } }
        let environment = testEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        let resolved = try await CredentialChain(environment: environment, transport: transport).resolve()
        #expect(resolved.credentials.accessKeyID == "AKIAIMDS")
        #expect(resolved.source == "instance metadata")
        let region = try await RegionResolution.resolve(explicit: nil, environment: environment, profile: "default", transport: transport)
        #expect(region == ("sa-east-1", "instance metadata"))
    }

    @Test func instanceMetadataThatHangsGivesUpQuicklyAndTheErrorNamesEverySource() async throws {
        let server = try await LoopbackServer { _ in .init(status: 200, body: "late", delay: .seconds(5)) }
        defer { Task { await server.close() } }
        let environment = testEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        let started = ContinuousClock.now
        if let error = await configurationError({ try await CredentialChain(environment: environment, transport: transport).resolve() }) {
            #expect(error.message.hasPrefix("no AWS credentials found; tried environment (AWS_ACCESS_KEY_ID unset); web identity (AWS_WEB_IDENTITY_TOKEN_FILE unset); shared files"))
            #expect(error.message.contains("container credentials (AWS_CONTAINER_CREDENTIALS_* unset)"))
            #expect(error.message.contains("instance metadata at \(server.url): no complete response before the deadline"))
        }
        #expect(ContinuousClock.now - started < .seconds(4))
    }

    @Test func regionOrder() async throws {
        let env = testEnvironment(["AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "us-west-1"])
        #expect(try await RegionResolution.resolve(explicit: "eu-north-1", environment: env, profile: "default", transport: transport).region == "eu-north-1")
        #expect(try await RegionResolution.resolve(explicit: nil, environment: env, profile: "default", transport: transport).region == "us-east-2")
        let fallback = testEnvironment(["AWS_DEFAULT_REGION": "us-west-1"])
        #expect(try await RegionResolution.resolve(explicit: nil, environment: fallback, profile: "default", transport: transport).region == "us-west-1")
        await #expect(throws: AWSConfigurationError.self) {
            try await RegionResolution.resolve(explicit: "us-east-1.evil.com/", environment: fallback, profile: "default", transport: self.transport)
        }
        if let error = await configurationError({ try await RegionResolution.resolve(explicit: nil, environment: testEnvironment([:]), profile: "default", transport: transport) }) {
            #expect(error.message.hasPrefix("no AWS region: tried --region, AWS_REGION, AWS_DEFAULT_REGION"))
        }
    }

    @Test func endpointOverrides() throws {
        let specific = testEnvironment(["AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:1234", "AWS_ENDPOINT_URL": "http://127.0.0.1:5678"])
        #expect(try AWSEndpoint.forService("ecs", region: "us-west-2", environment: specific).url == "http://127.0.0.1:1234/")
        #expect(try AWSEndpoint.forService("sts", region: "us-west-2", environment: specific).url == "http://127.0.0.1:5678/")
        let none = testEnvironment([:])
        #expect(try AWSEndpoint.forService("ecs", region: "us-west-2", environment: none).url == "https://ecs.us-west-2.amazonaws.com/")
        let ignored = testEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:5678", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        #expect(try AWSEndpoint.forService("ecs", region: "us-west-2", environment: ignored).url == "https://ecs.us-west-2.amazonaws.com/")
    }

    @Test func assumeRoleThroughSTSWithSourceProfile() async throws {
        let server = try await LoopbackServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let verified = SigV4Verifier(service: "sts", region: "us-west-2").verify(
                method: request.method, rawTarget: request.uri, headers: request.headers.map { .init($0.0, $0.1) },
                body: request.body, now: Date()
            ) { key in key == "AKIASOURCE" ? .init(secretAccessKey: "source-secret") : nil }
            guard verified == .success("AKIASOURCE"),
                  body.contains("Action=AssumeRole"), body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops") else {
                return .init(status: 403, body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>req-1</RequestId></ErrorResponse>")
            }
            return .init(status: 200, body: """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
            <AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>
            <SessionToken>assumed-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>
            </Credentials></AssumeRoleResult></AssumeRoleResponse>
            """)
        }
        defer { Task { await server.close() } }
        try await withFiles([
            "creds": "[base]\naws_access_key_id = AKIASOURCE\naws_secret_access_key = source-secret\n[bad]\naws_access_key_id = AKIABAD\naws_secret_access_key = x\n",
            "conf": """
            [profile ops]
            role_arn = arn:aws:iam::123456789012:role/ops
            source_profile = base
            region = us-west-2
            [profile denied]
            role_arn = arn:aws:iam::123456789012:role/other
            source_profile = bad
            [profile loop-a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = loop-b
            [profile loop-b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = loop-a
            """,
        ]) { (directory: String) async throws in
            let environment = testEnvironment([
                "AWS_SHARED_CREDENTIALS_FILE": directory + "/creds", "AWS_CONFIG_FILE": directory + "/conf",
                "AWS_ENDPOINT_URL_STS": server.url,
            ])
            let assumed = try await CredentialChain(environment: environment, explicitProfile: "ops", transport: transport).resolve()
            #expect(assumed.credentials == AWSCredentials(
                accessKeyID: "ASIAASSUMED", secretAccessKey: "assumed-secret", sessionToken: "assumed-token",
                expiration: Date(timeIntervalSince1970: 4_070_908_800)))
            if let error = await configurationError({ try await CredentialChain(environment: environment, explicitProfile: "denied", transport: transport).resolve() }) {
                #expect(error.message.hasSuffix("AccessDenied: not allowed"))
                #expect(!error.message.contains("source-secret"))
            }
            if let error = await configurationError({ try await CredentialChain(environment: environment, explicitProfile: "loop-a", transport: transport).resolve() }) {
                #expect(error.message.contains("source_profile chain loops"))
            }
        }
    }

    @Test func temporaryCredentialsAreRefreshedBeforeExpiryAndNeverUsedAfter() async throws {
        let clock = TestClock()
        let serial = Counter()
        let provider = RefreshingCredentialsProvider(refreshWindow: 300, now: { clock.now }) {
            () async throws(AWSConfigurationError) -> AWSCredentials in
            let number = serial.next()
            if number == 3 { throw AWSConfigurationError("source down") }
            return AWSCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: "s", sessionToken: "t",
                                  expiration: clock.now.addingTimeInterval(900))
        }
        #expect(try await provider.credentials().accessKeyID == "ASIA1")
        clock.advance(500)
        #expect(try await provider.credentials().accessKeyID == "ASIA1")
        clock.advance(200)  // 200 s left: inside the refresh window
        #expect(try await provider.credentials().accessKeyID == "ASIA2")
        clock.advance(700)  // refresh fails while the cached ones still have 200 s: keep them
        #expect(try await provider.credentials().accessKeyID == "ASIA2")
        clock.advance(300)  // now expired: refresh works again
        #expect(try await provider.credentials().accessKeyID == "ASIA4")
        #expect(await provider.resolutions == 4)
    }

    @Test func expiredCredentialsFromASourceAreRefused() async throws {
        let provider = RefreshingCredentialsProvider { () async throws(AWSConfigurationError) -> AWSCredentials in
            AWSCredentials(accessKeyID: "ASIAOLD", secretAccessKey: "s", expiration: Date(timeIntervalSince1970: 0))
        }
        if let error = await configurationError({ try await provider.credentials() }) {
            #expect(error.message.hasPrefix("the credentials found expired at 1970-01-01T00:00:00Z"))
        }
    }
}

/// The configuration error `body` throws; records an issue when it throws nothing or something else.
func configurationError<T>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> AWSConfigurationError? {
    do {
        _ = try await body()
    } catch let error as AWSConfigurationError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
    Issue.record("no error was thrown", sourceLocation: sourceLocation)
    return nil
}

final class TestClock: Sendable {
    private let value = Mutex(Date(timeIntervalSince1970: 2_000_000_000))
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
