import AWSSigning
import FoundationEssentials
import ProtectionCore

/// IAM Identity Center (SSO) profiles, as botocore reads them:
///
/// - the `sso_session` form: the profile names a `[sso-session NAME]` section (with `sso_start_url`
///   and `sso_region`) plus `sso_account_id` and `sso_role_name`; its token is cached under the
///   session name and, within 15 minutes of its expiry, refreshed through SSO OIDC `CreateToken`
///   and written back to the cache;
/// - the legacy form: `sso_start_url`, `sso_region`, `sso_account_id`, `sso_role_name` in the
///   profile; its token is cached under the start URL and never refreshed.
///
/// The token is exchanged for role credentials with the portal's `GetRoleCredentials`. A missing,
/// expired or refused sign-in is one line naming `aws sso login --profile NAME`.
struct SSOCredentials {
    /// The settings of one SSO profile.
    struct Settings: Equatable {
        var profile: String
        var sessionName: String?
        var startURL: String
        var region: String
        var accountID: String
        var roleName: String
        /// The name of the token file's key: the session name, else the start URL.
        var cacheKey: String { sessionName ?? startURL }
    }

    /// Botocore refreshes a token this close to its expiry.
    static let tokenRefreshWindow: TimeInterval = 15 * 60
    static let timeoutSeconds: Double = 10

    let environment: AWSEnvironment
    let files: SharedConfigFiles
    let transport: any AWSHTTPTransport
    var now: @Sendable () -> Date = { Date() }

    /// The profile's SSO settings, `nil` when it has neither `sso_account_id` nor `sso_role_name`.
    /// - Throws: ``AWSConfigurationError`` for an incomplete or inconsistent configuration.
    static func settings(profile: String, values: [String: String], files: SharedConfigFiles)
        throws(AWSConfigurationError) -> Settings? {
        guard values["sso_account_id"] != nil || values["sso_role_name"] != nil else { return nil }
        var merged = values
        var required = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"]
        if let sessionName = values["sso_session"] {
            guard let session = files.ssoSessions[sessionName] else {
                throw AWSConfigurationError("profile \(profile) names sso_session \(sessionName), "
                    + "but the config file has no [sso-session \(sessionName)] section")
            }
            for (key, value) in session {
                if let own = merged[key], own != value {
                    throw AWSConfigurationError("profile \(profile): \(key) differs between the profile and "
                        + "sso-session \(sessionName)")
                }
                merged[key] = value
            }
            required.append("sso_session")
        }
        let missing = required.filter { (merged[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            throw AWSConfigurationError("profile \(profile) is configured for SSO but lacks "
                + missing.joined(separator: ", "))
        }
        let region = try RegionResolution.validated(merged["sso_region"] ?? "", source: "sso_region of profile \(profile)")
        return Settings(profile: profile, sessionName: values["sso_session"], startURL: merged["sso_start_url"] ?? "",
                        region: region, accountID: merged["sso_account_id"] ?? "", roleName: merged["sso_role_name"] ?? "")
    }

    /// The role credentials of `settings`.
    func credentials(_ settings: Settings, profileValues: [String: String]) async throws(AWSConfigurationError) -> AWSCredentials {
        let token = try await validToken(settings, profileValues: profileValues)
        let endpoint = try AWSEndpoint.forService(
            "sso", host: "portal.sso", region: settings.region, environment: environment, profileValues: profileValues,
            serviceSettings: files.serviceSettings(profile: settings.profile))
        let query = "account_id=\(AWSPercentEncoding.encode(settings.accountID))"
            + "&role_name=\(AWSPercentEncoding.encode(settings.roleName))"
        let base = endpoint.url.hasSuffix("/") ? String(endpoint.url.dropLast()) : endpoint.url
        let source = "GetRoleCredentials for profile \(settings.profile) at \(endpoint.url)"
        let request = AWSHTTPRequest(
            url: base + "/federation/credentials?" + query, method: "GET",
            headers: [("Host", endpoint.hostHeader), ("x-amz-sso_bearer_token", token.accessToken), ("Accept", "application/json")],
            timeout: Self.timeoutSeconds)
        let response: AWSHTTPResponse
        switch await transport.send(request) {
        case .failure(let failure):
            throw AWSConfigurationError("\(source): \(failure.problem.message)")
        case .success(let answer):
            response = answer
        }
        guard response.status == 200 else {
            let error = JSONErrorDecoder.decode(response)
            if response.status == 401 || error.code == "UnauthorizedException" {
                throw Self.signInNeeded(settings, reason: "was refused by the portal")
            }
            throw AWSConfigurationError("\(source): \(error.description)")
        }
        return try Self.decodeRoleCredentials(response.body, source: source)
    }

    /// The cached token, refreshed first when it is within 15 minutes of its expiry and can be
    /// (as botocore: only the `sso_session` form; a failed refresh keeps the old token while it works).
    private func validToken(_ settings: Settings, profileValues: [String: String]) async throws(AWSConfigurationError) -> SSOToken {
        guard let cache = SSOTokenCache(environment: environment) else {
            throw AWSConfigurationError("profile \(settings.profile) uses SSO, but there is no home directory for its token cache")
        }
        guard let token = try cache.load(key: settings.cacheKey) else {
            throw Self.signInNeeded(settings, reason: nil)
        }
        let current = now()
        var refreshProblem: String?
        if settings.sessionName != nil, token.expiresAt.timeIntervalSince(current) < Self.tokenRefreshWindow {
            switch await refreshed(token, settings: settings, profileValues: profileValues) {
            case .success(let fresh?):
                try cache.save(fresh, key: settings.cacheKey, startURL: settings.startURL, region: settings.region)
                return fresh
            case .success(nil):
                break
            case .failure(let error):
                refreshProblem = error.message
            }
        }
        guard token.expiresAt > now() else {
            if let refreshProblem { throw AWSConfigurationError(Self.signInNeeded(settings, reason: nil).message + " (refresh failed: \(refreshProblem))") }
            throw Self.signInNeeded(settings, reason: "has expired")
        }
        return token
    }

    /// SSO OIDC `CreateToken` with the refresh grant: the new token, `nil` when the cached one
    /// cannot be refreshed (no refresh token or registration, the registration expired, or the
    /// service refused), a failure when the service could not be reached.
    private func refreshed(_ token: SSOToken, settings: Settings, profileValues: [String: String])
        async -> Result<SSOToken?, AWSConfigurationError> {
        guard let refreshToken = token.refreshToken, let clientID = token.clientID, let clientSecret = token.clientSecret,
              let registrationExpiry = token.registrationExpiry, registrationExpiry > now() else { return .success(nil) }
        let endpoint: AWSEndpoint
        do throws(AWSConfigurationError) {
            endpoint = try AWSEndpoint.forService(
                "sso_oidc", host: "oidc", region: settings.region, environment: environment, profileValues: profileValues,
                serviceSettings: files.serviceSettings(profile: settings.profile))
        } catch {
            return .failure(error)
        }
        let body: [String: String] = [
            "clientId": clientID, "clientSecret": clientSecret, "grantType": "refresh_token", "refreshToken": refreshToken,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let bytes = try? encoder.encode(body) else { return .success(nil) }
        let base = endpoint.url.hasSuffix("/") ? String(endpoint.url.dropLast()) : endpoint.url
        let requestTime = now()
        let request = AWSHTTPRequest(
            url: base + "/token", method: "POST",
            headers: [("Host", endpoint.hostHeader), ("Content-Type", "application/json")], body: Array(bytes),
            timeout: Self.timeoutSeconds)
        switch await transport.send(request) {
        case .failure(let failure):
            return .failure(AWSConfigurationError("CreateToken at \(endpoint.url): \(failure.problem.message)"))
        case .success(let response) where response.status == 200:
            struct Answer: Decodable {
                var accessToken: String?
                var expiresIn: Int?
                var refreshToken: String?
            }
            guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)),
                  let accessToken = answer.accessToken, !accessToken.isEmpty,
                  let expiresIn = answer.expiresIn, (0...(366 * 86_400)).contains(expiresIn) else {
                return .failure(AWSConfigurationError("CreateToken at \(endpoint.url) returned no accessToken and expiresIn"))
            }
            // As botocore: the refresh token is the answer's, or none.
            return .success(SSOToken(
                accessToken: accessToken, expiresAt: requestTime.addingTimeInterval(TimeInterval(expiresIn)),
                refreshToken: answer.refreshToken, clientID: clientID, clientSecret: clientSecret,
                registrationExpiresAt: token.registrationExpiresAt))
        case .success:
            return .success(nil)
        }
    }

    /// The line that tells the operator to sign in again.
    static func signInNeeded(_ settings: Settings, reason: String?) -> AWSConfigurationError {
        let what = reason.map { "the SSO sign-in of profile \(settings.profile) \($0)" }
            ?? "profile \(settings.profile) is not signed in to IAM Identity Center"
        return AWSConfigurationError("\(what); run: aws sso login --profile \(settings.profile)", signInCommand:
            "aws sso login --profile \(settings.profile)")
    }

    /// `{"roleCredentials":{"accessKeyId","secretAccessKey","sessionToken","expiration"(ms)}}`.
    static func decodeRoleCredentials(_ bytes: [UInt8], source: String) throws(AWSConfigurationError) -> AWSCredentials {
        struct Answer: Decodable {
            struct Role: Decodable {
                var accessKeyId: String?
                var secretAccessKey: String?
                var sessionToken: String?
                var expiration: Double?
            }
            var roleCredentials: Role?
        }
        guard let role = (try? JSONDecoder().decode(Answer.self, from: Data(bytes)))?.roleCredentials,
              let keyID = role.accessKeyId, !keyID.isEmpty, let secret = role.secretAccessKey, !secret.isEmpty,
              let milliseconds = role.expiration, milliseconds.isFinite, milliseconds > 0, milliseconds < 1e15 else {
            throw AWSConfigurationError("\(source): the answer holds no complete roleCredentials")
        }
        // Whole seconds, as botocore keeps it.
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: role.sessionToken,
                              expiration: Date(timeIntervalSince1970: (milliseconds / 1000).rounded(.down)))
    }
}
