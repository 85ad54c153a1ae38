import AWSSigning
import FileAccess
import FoundationEssentials

/// STS `AssumeRoleWithWebIdentity`: the token read from a file (EKS, GitHub Actions and other
/// OIDC issuers write one), sent unsigned, as botocore does. Settings come from
/// `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME` (unless `--profile`
/// was given), each one else from the profile's `web_identity_token_file`, `role_arn` and
/// `role_session_name`.
enum STSWebIdentity {
    /// Where each setting came from.
    struct Settings: Equatable {
        var tokenFile: String
        var roleArn: String
        var sessionName: String?
        /// `environment` or `profile NAME`, for messages and `doctor`.
        var origin: String
    }

    /// Largest token file read (OIDC tokens are a few kilobytes).
    static let maximumTokenBytes = 64 << 10
    static let timeoutSeconds: Double = 10

    /// The settings, `nil` when no token file is configured.
    static func settings(profile: String, values: [String: String], environment: AWSEnvironment, useEnvironment: Bool)
        throws(AWSConfigurationError) -> Settings? {
        func setting(_ key: String, _ variable: String) -> (String, String)? {
            if useEnvironment, let value = environment.variables[variable] { return (value, variable) }
            return values[key].map { ($0, "profile \(profile)") }
        }
        guard let (file, origin) = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE"), !file.isEmpty else {
            return nil
        }
        guard let (roleArn, _) = setting("role_arn", "AWS_ROLE_ARN"), !roleArn.isEmpty else {
            throw AWSConfigurationError("web identity (\(origin == "AWS_WEB_IDENTITY_TOKEN_FILE" ? origin : "web_identity_token_file of \(origin)")) "
                + "has no role: set AWS_ROLE_ARN or the profile's role_arn")
        }
        return Settings(tokenFile: environment.expand(file), roleArn: roleArn,
                        sessionName: setting("role_session_name", "AWS_ROLE_SESSION_NAME")?.0,
                        origin: origin == "AWS_WEB_IDENTITY_TOKEN_FILE" ? "environment" : origin)
    }

    /// Reads the token and calls STS.
    static func call(_ settings: Settings, endpoint: AWSEndpoint, transport: any AWSHTTPTransport)
        async throws(AWSConfigurationError) -> AWSCredentials {
        let token: [UInt8]
        do {
            token = try CheckedFile.contents(of: settings.tokenFile, limit: maximumTokenBytes)
        } catch {
            throw AWSConfigurationError("the web identity token file \(settings.tokenFile) could not be read: \(error.reason)")
        }
        guard !token.isEmpty else {
            throw AWSConfigurationError("the web identity token file \(settings.tokenFile) is empty")
        }
        // Sent as read, untrimmed: botocore does the same.
        let query: [SigV4Request.QueryParameter] = [
            .init("Action", "AssumeRoleWithWebIdentity"), .init("Version", "2011-06-15"),
            .init("RoleArn", settings.roleArn),
            .init("RoleSessionName", settings.sessionName ?? "ecs-protect-\(Int(Date().timeIntervalSince1970))"),
            .init("WebIdentityToken", String(decoding: token, as: UTF8.self)),
        ]
        let body = SigV4Request(method: "POST", path: "/", query: query, headers: []).encodedQuery
        let source = "AssumeRoleWithWebIdentity of \(settings.roleArn) at \(endpoint.url)"
        let request = AWSHTTPRequest(
            url: endpoint.url, method: "POST",
            headers: [("Host", endpoint.hostHeader), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8), timeout: timeoutSeconds)
        switch await transport.send(request) {
        case .failure(let failure):
            throw AWSConfigurationError("\(source): \(failure.problem.message)")
        case .success(let response) where response.status == 200:
            return try STSAssumeRole.decodeCredentials(response.body, source: source)
        case .success(let response):
            throw AWSConfigurationError("\(source): \(JSONErrorDecoder.decode(response).description)")
        }
    }
}
