import AWSSigning
import FoundationEssentials

/// Finds credentials as botocore (the AWS CLI's library) does, in order:
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), unless `--profile` was given;
/// 2. the profile's `role_arn` with `source_profile` or `credential_source` (`Environment`,
///    `EcsContainer`, `Ec2InstanceMetadata`) through STS `AssumeRole`;
/// 3. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (not with `--profile`), or the
///    profile's `web_identity_token_file` + `role_arn`, through STS `AssumeRoleWithWebIdentity`;
/// 4. the profile's IAM Identity Center (SSO) settings, through the portal's `GetRoleCredentials`;
/// 5. the profile's static keys, then its `credential_process`;
/// 6. ECS container credentials;
/// 7. EC2 instance metadata (IMDSv2).
/// (The profile is `--profile`, `AWS_PROFILE`, else `default`.) Errors are one line naming every
/// source tried; no secret ever appears in them.
public struct CredentialChain: Sendable {
    /// What answered and what was tried before it.
    public struct Resolution: Sendable {
        /// The credentials.
        public var credentials: AWSCredentials
        /// A short name of where they came from (`environment`, `profile dev (SSO)`, …).
        public var source: String
        /// The sources tried before, each with why it gave nothing.
        public var tried: [String]
    }

    /// Where the process's settings come from.
    public let environment: AWSEnvironment
    /// `--profile`, which (as in the CLI) also skips the environment's keys.
    public let explicitProfile: String?
    /// The region, for STS's endpoint.
    public let region: String?
    private let transport: any AWSHTTPTransport
    private let now: @Sendable () -> Date

    /// Creates a chain.
    public init(environment: AWSEnvironment, explicitProfile: String? = nil, region: String? = nil, transport: any AWSHTTPTransport,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.explicitProfile = explicitProfile
        self.region = region
        self.transport = transport
        self.now = now
    }

    /// The profile in use.
    public var profileName: String { explicitProfile ?? environment["AWS_PROFILE"] ?? "default" }

    /// Resolved credentials and a short name of where they came from (`environment`, `profile web`, …).
    public func resolve() async throws(AWSConfigurationError) -> (credentials: AWSCredentials, source: String) {
        let resolution = try await resolveWithTrail()
        return (resolution.credentials, resolution.source)
    }

    /// Resolved credentials, where they came from and what was tried first.
    public func resolveWithTrail() async throws(AWSConfigurationError) -> Resolution {
        var tried: [String] = []
        if explicitProfile == nil {
            if let keys = try environmentKeys() {
                return Resolution(credentials: keys, source: "environment", tried: tried)
            }
            tried.append("environment (AWS_ACCESS_KEY_ID unset)")
        }
        let files = try SharedConfigFiles(environment: environment)
        let profile = profileName
        let values: [String: String]
        if let found = files.profiles[profile] {
            values = found
        } else if explicitProfile != nil || environment["AWS_PROFILE"] != nil {
            throw AWSConfigurationError("the profile \(profile) is in neither "
                + (files.notes.isEmpty ? "shared file" : files.notes.joined(separator: " nor ")))
        } else {
            values = [:]
        }
        if let found = try await fromProfile(profile, values: values, files: files, visited: [], useEnvironment: explicitProfile == nil) {
            return Resolution(credentials: found.credentials, source: found.source, tried: tried)
        }
        if files.profiles[profile] != nil {
            tried.append("profile \(profile) (no keys, role_arn, web identity, SSO or credential_process)")
        } else {
            tried.append("web identity (AWS_WEB_IDENTITY_TOKEN_FILE unset)")
            tried.append("shared files " + (files.notes.isEmpty ? "(no home directory)" : files.notes.joined(separator: ", ")))
        }
        do {
            if let credentials = try await ContainerCredentials.fetch(environment: environment, transport: transport) {
                return Resolution(credentials: credentials, source: "container credentials", tried: tried)
            }
            tried.append("container credentials (AWS_CONTAINER_CREDENTIALS_* unset)")
        }
        let metadata = InstanceMetadata(environment: environment, transport: transport)
        if metadata.isDisabled {
            tried.append("instance metadata (AWS_EC2_METADATA_DISABLED)")
        } else {
            do {
                return Resolution(credentials: try await metadata.credentials(), source: "instance metadata", tried: tried)
            } catch {
                tried.append(error.message)
            }
        }
        throw AWSConfigurationError("no AWS credentials found; tried " + tried.joined(separator: "; "))
    }

    /// `AWS_ACCESS_KEY_ID` and its secret, `nil` when unset.
    private func environmentKeys() throws(AWSConfigurationError) -> AWSCredentials? {
        guard let keyID = environment["AWS_ACCESS_KEY_ID"] else { return nil }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
    }

    /// The credentials of profile `name` (its `values`), in botocore's order; `visited` are the
    /// profiles whose `source_profile` led here. A source profile with static keys uses them rather
    /// than its own `role_arn`, as botocore does.
    private func fromProfile(_ name: String, values: [String: String], files: SharedConfigFiles, visited: [String],
                             useEnvironment: Bool) async throws(AWSConfigurationError) -> (credentials: AWSCredentials, source: String)? {
        let hasStaticKeys = values["aws_access_key_id"] != nil || values["aws_secret_access_key"] != nil
        if values["role_arn"] != nil, values["web_identity_token_file"] == nil, visited.isEmpty || !hasStaticKeys {
            return (try await assumeRole(name, values: values, files: files, visited: visited), "profile \(name) (role_arn)")
        }
        if let settings = try STSWebIdentity.settings(profile: name, values: values, environment: environment, useEnvironment: useEnvironment) {
            let endpoint = try stsEndpoint(profile: name, values: values, files: files)
            let credentials = try await STSWebIdentity.call(settings, endpoint: endpoint, transport: transport)
            return (credentials, settings.origin == "environment" ? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)" : "profile \(name) (web identity)")
        }
        if let settings = try SSOCredentials.settings(profile: name, values: values, files: files) {
            let sso = SSOCredentials(environment: environment, files: files, transport: transport, now: now)
            return (try await sso.credentials(settings, profileValues: values), "profile \(name) (SSO)")
        }
        if let keys = try staticKeys(values, profile: name) { return (keys, "profile \(name)") }
        if let command = values["credential_process"] {
            return (try await CredentialProcess.run(command, profile: name), "profile \(name) (credential_process)")
        }
        return nil
    }

    /// STS `AssumeRole` of the profile's `role_arn`, from its `source_profile` or `credential_source`.
    private func assumeRole(_ name: String, values: [String: String], files: SharedConfigFiles, visited: [String])
        async throws(AWSConfigurationError) -> AWSCredentials {
        let roleArn = values["role_arn"] ?? ""
        let source: AWSCredentials
        switch (values["source_profile"], values["credential_source"]) {
        case (.some, .some):
            throw AWSConfigurationError("profile \(name) has both source_profile and credential_source")
        case (nil, nil):
            throw AWSConfigurationError("profile \(name) has role_arn but neither source_profile nor credential_source")
        case (nil, let credentialSource?):
            source = try await namedSource(credentialSource, profile: name)
        case (let sourceName?, nil):
            guard let sourceValues = files.profiles[sourceName] else {
                throw AWSConfigurationError("source_profile \(sourceName) (from profile \(name)) does not exist")
            }
            let sourceHasKeys = sourceValues["aws_access_key_id"] != nil || sourceValues["aws_secret_access_key"] != nil
            guard !(visited + [name]).contains(sourceName) || (sourceName == name && sourceHasKeys) else {
                throw AWSConfigurationError("profile \(name): source_profile chain loops (\((visited + [name, sourceName]).joined(separator: " → ")))")
            }
            guard visited.count < 5 else { throw AWSConfigurationError("profile \(name): source_profile chain is too deep") }
            guard let found = try await fromProfile(sourceName, values: sourceValues, files: files, visited: visited + [name],
                                                    useEnvironment: false) else {
                throw AWSConfigurationError("source_profile \(sourceName) of profile \(name) has no credentials")
            }
            source = found.credentials
        }
        let region = try profileRegion(name, values: values)
        let endpoint = try stsEndpoint(profile: name, values: values, files: files)
        var duration: Int?
        if let text = values["duration_seconds"] {
            guard let value = Int(text), (900...43_200).contains(value) else {
                throw AWSConfigurationError("profile \(name): duration_seconds must be 900 to 43200")
            }
            duration = value
        }
        let parameters = STSAssumeRole.Parameters(
            roleArn: roleArn, sessionName: values["role_session_name"] ?? "ecs-protect-\(Int(Date().timeIntervalSince1970))",
            externalID: values["external_id"], durationSeconds: duration)
        return try await STSAssumeRole.call(
            parameters, sourceCredentials: source, endpoint: endpoint, region: region, transport: transport, profile: name)
    }

    /// The credentials `credential_source` names: `Environment`, `EcsContainer` or `Ec2InstanceMetadata`.
    private func namedSource(_ name: String, profile: String) async throws(AWSConfigurationError) -> AWSCredentials {
        let found: AWSCredentials?
        // Spelt exactly: botocore refuses `environment` for `Environment`.
        switch name {
        case "Environment":
            found = try environmentKeys()
        case "EcsContainer":
            found = try await ContainerCredentials.fetch(environment: environment, transport: transport)
        case "Ec2InstanceMetadata":
            let metadata = InstanceMetadata(environment: environment, transport: transport)
            found = metadata.isDisabled ? nil : try await metadata.credentials()
        default:
            throw AWSConfigurationError("profile \(profile): credential_source \(TextSanitizer.clean(name, limit: 80)) is not "
                + "Environment, EcsContainer or Ec2InstanceMetadata")
        }
        guard let found else {
            throw AWSConfigurationError("profile \(profile): credential_source \(name) has no credentials")
        }
        return found
    }

    /// The region STS is called in: the profile's, else the chain's, else `us-east-1`.
    private func profileRegion(_ name: String, values: [String: String]) throws(AWSConfigurationError) -> String {
        try values["region"].map { (value: String) throws(AWSConfigurationError) -> String in
            try RegionResolution.validated(value, source: "region of profile \(name)")
        } ?? region ?? "us-east-1"
    }

    private func stsEndpoint(profile: String, values: [String: String], files: SharedConfigFiles) throws(AWSConfigurationError) -> AWSEndpoint {
        try AWSEndpoint.forService("sts", region: try profileRegion(profile, values: values), environment: environment,
                                   profileValues: values, serviceSettings: files.serviceSettings(profile: profile))
    }

    private func staticKeys(_ values: [String: String], profile: String) throws(AWSConfigurationError) -> AWSCredentials? {
        guard let keyID = values["aws_access_key_id"], !keyID.isEmpty else { return nil }
        guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            throw AWSConfigurationError("profile \(profile) has aws_access_key_id but no aws_secret_access_key")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
