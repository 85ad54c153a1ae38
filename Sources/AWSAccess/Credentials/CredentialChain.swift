import AWSSigning
import Foundation

/// Finds credentials as the AWS CLI and SDKs do, in order:
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), unless `--profile` was given;
/// 2. the profile (`--profile`, `AWS_PROFILE`, else `default`) in the shared files: `role_arn` +
///    `source_profile` through STS `AssumeRole`, static keys, `credential_process`;
/// 3. ECS container credentials;
/// 4. EC2 instance metadata (IMDSv2).
/// Errors are one line naming every source tried; no secret ever appears in them.
public struct CredentialChain: Sendable {
    /// Where the process's settings come from.
    public let environment: AWSEnvironment
    /// `--profile`, which (as in the CLI) also skips the environment's keys.
    public let explicitProfile: String?
    /// The region, for STS's endpoint.
    public let region: String?
    private let transport: any AWSHTTPTransport

    /// Creates a chain.
    public init(environment: AWSEnvironment, explicitProfile: String? = nil, region: String? = nil, transport: any AWSHTTPTransport) {
        self.environment = environment
        self.explicitProfile = explicitProfile
        self.region = region
        self.transport = transport
    }

    /// The profile in use.
    public var profileName: String { explicitProfile ?? environment["AWS_PROFILE"] ?? "default" }

    /// Resolved credentials and a short name of where they came from (`environment`, `profile web`, …).
    public func resolve() async throws(AWSConfigurationError) -> (credentials: AWSCredentials, source: String) {
        var tried: [String] = []
        if explicitProfile == nil {
            if let keyID = environment["AWS_ACCESS_KEY_ID"] {
                guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
                    throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
                }
                return (AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                                       sessionToken: environment["AWS_SESSION_TOKEN"]), "environment")
            }
            tried.append("environment (AWS_ACCESS_KEY_ID unset)")
        }
        let files = try SharedConfigFiles(environment: environment)
        let profile = profileName
        if files.profiles[profile] != nil {
            if let credentials = try await fromProfile(profile, files: files, visited: []) {
                return (credentials, "profile \(profile)")
            }
            tried.append("profile \(profile) (no keys, credential_process or role_arn)")
        } else if explicitProfile != nil || environment["AWS_PROFILE"] != nil {
            throw AWSConfigurationError("the profile \(profile) is in neither "
                + (files.notes.isEmpty ? "shared file" : files.notes.joined(separator: " nor ")))
        } else {
            tried.append("shared files " + (files.notes.isEmpty ? "(no home directory)" : files.notes.joined(separator: ", ")))
        }
        do {
            if let credentials = try await ContainerCredentials.fetch(environment: environment, transport: transport) {
                return (credentials, "container credentials")
            }
            tried.append("container credentials (AWS_CONTAINER_CREDENTIALS_* unset)")
        }
        let metadata = InstanceMetadata(environment: environment, transport: transport)
        if metadata.isDisabled {
            tried.append("instance metadata (AWS_EC2_METADATA_DISABLED)")
        } else {
            do {
                return (try await metadata.credentials(), "instance metadata")
            } catch {
                tried.append(error.message)
            }
        }
        throw AWSConfigurationError("no AWS credentials found; tried " + tried.joined(separator: "; "))
    }

    private func fromProfile(_ name: String, files: SharedConfigFiles, visited: [String])
        async throws(AWSConfigurationError) -> AWSCredentials? {
        guard let values = files.profiles[name] else {
            throw AWSConfigurationError("source_profile \(name) (from profile \(visited.last ?? name)) does not exist")
        }
        if let roleArn = values["role_arn"] {
            guard let sourceName = values["source_profile"] else {
                throw AWSConfigurationError("profile \(name) has role_arn but no source_profile "
                    + "(credential_source and web identity are not supported)")
            }
            guard !visited.contains(sourceName) || (sourceName == name && values["aws_access_key_id"] != nil) else {
                throw AWSConfigurationError("profile \(name): source_profile chain loops (\((visited + [name, sourceName]).joined(separator: " → ")))")
            }
            guard visited.count < 5 else { throw AWSConfigurationError("profile \(name): source_profile chain is too deep") }
            let source: AWSCredentials?
            if sourceName == name {
                source = try staticKeys(values, profile: name)
            } else {
                source = try await fromProfile(sourceName, files: files, visited: visited + [name])
            }
            guard let source else {
                throw AWSConfigurationError("source_profile \(sourceName) of profile \(name) has no credentials")
            }
            let region = try values["region"].map { (value: String) throws(AWSConfigurationError) -> String in
                try RegionResolution.validated(value, source: "region of profile \(name)")
            } ?? self.region ?? "us-east-1"
            let endpoint = try AWSEndpoint.forService(
                "sts", region: region, environment: environment, profileValues: values)
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
        if let keys = try staticKeys(values, profile: name) { return keys }
        if let command = values["credential_process"] {
            return try await CredentialProcess.run(command, profile: name)
        }
        return nil
    }

    private func staticKeys(_ values: [String: String], profile: String) throws(AWSConfigurationError) -> AWSCredentials? {
        guard let keyID = values["aws_access_key_id"], !keyID.isEmpty else { return nil }
        guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            throw AWSConfigurationError("profile \(profile) has aws_access_key_id but no aws_secret_access_key")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
