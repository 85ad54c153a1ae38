import AWSSigning
import FoundationEssentials
import NIOHTTP1
import ProtectionCore
import SafeText
import Synchronization

/// The identity services a laptop's sign-in goes through, on the ECS API listener, so one
/// `AWS_ENDPOINT_URL` reaches all of them:
///
/// - the IAM Identity Center portal's `GetRoleCredentials` (`GET /federation/credentials`, bearer
///   token in `x-amz-sso_bearer_token`): a token in ``SimulatorConfiguration/ssoAccessTokens``
///   (or one `CreateToken` issued) gets the simulator's first API key, else 401 `UnauthorizedException`;
/// - SSO OIDC `CreateToken` (`POST /token`, refresh grant): a refresh token in
///   ``SimulatorConfiguration/ssoRefreshTokens`` gets a new access token the portal then accepts;
/// - STS (`POST /` with a form body): `GetCallerIdentity` and `AssumeRole` signed with a key the
///   ECS API accepts, `AssumeRoleWithWebIdentity` unsigned with any non-empty token.
///
/// Role credentials carry an expiry ``SimulatorConfiguration/identityCredentialLifetime`` ahead.
struct IdentityResponder: Sendable {
    let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let issuedTokens: IssuedTokens

    /// Access tokens `CreateToken` handed out.
    final class IssuedTokens: Sendable {
        let tokens = Mutex<Set<String>>([])
    }

    /// Whether `request` is for one of these services rather than the ECS API.
    static func handles(_ request: IncomingRequest) -> Bool {
        if request.path == "/federation/credentials" || request.path == "/token" { return true }
        let hasTarget = request.headers.contains { $0.0.lowercased() == "x-amz-target" }
        return request.method == .POST && request.path == "/" && !hasTarget
            && String(decoding: request.body.prefix(4096), as: UTF8.self).firstRange(of: "Action=") != nil
    }

    func respond(to request: IncomingRequest) -> HTTPReply {
        let requestID = UUID().uuidString.lowercased()
        switch request.path {
        case "/federation/credentials": return roleCredentials(request, requestID: requestID)
        case "/token": return createToken(request, requestID: requestID)
        default: return sts(request, requestID: requestID)
        }
    }

    // MARK: IAM Identity Center

    private func roleCredentials(_ request: IncomingRequest, requestID: String) -> HTTPReply {
        let token = request.headers.first { $0.0.lowercased() == "x-amz-sso_bearer_token" }?.1 ?? ""
        let issued = issuedTokens.tokens.withLock { $0.contains(token) }
        guard request.method == .GET, !token.isEmpty, configuration.ssoAccessTokens.contains(token) || issued else {
            return jsonError(.unauthorized, "UnauthorizedException", "Session token not found or invalid", requestID)
        }
        let key = configuration.apiCredentials[0]
        let expiry = Int64((clock.now().timeIntervalSince1970 + configuration.identityCredentialLifetime) * 1000)
        let body = JSONText.object([("roleCredentials", JSONText.object([
            ("accessKeyId", JSONText.string(key.accessKeyID)), ("secretAccessKey", JSONText.string(key.secretAccessKey)),
            ("sessionToken", JSONText.string(key.sessionToken ?? Self.placeholderSessionToken)), ("expiration", String(expiry)),
        ]))])
        return HTTPReply(status: .ok, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestID)],
                         body: Array(body.utf8))
    }

    private func createToken(_ request: IncomingRequest, requestID: String) -> HTTPReply {
        guard request.method == .POST,
              let body = JSONValue.parseWhole(request.body)?.members,
              body["grantType"]?.string == "refresh_token", let refresh = body["refreshToken"]?.string,
              configuration.ssoRefreshTokens.contains(refresh), body["clientId"]?.string != nil, body["clientSecret"]?.string != nil else {
            return jsonError(.badRequest, "InvalidGrantException", "Invalid refresh token", requestID)
        }
        let token = "simulated-access-" + SimulatorSecret.make(length: 24)
        issuedTokens.tokens.withLock { _ = $0.insert(token) }
        let answer = JSONText.object([
            ("accessToken", JSONText.string(token)), ("tokenType", JSONText.string("Bearer")),
            ("expiresIn", "28800"), ("refreshToken", JSONText.string(refresh)),
        ])
        return HTTPReply(status: .ok, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestID)],
                         body: Array(answer.utf8))
    }

    // MARK: STS

    private func sts(_ request: IncomingRequest, requestID: String) -> HTTPReply {
        let form = SigV4Request.parseQuery(Substring(String(decoding: request.body, as: UTF8.self))) ?? []
        let value = { (name: String) in form.first { $0.name == name }?.value }
        let action = value("Action") ?? ""
        let key = configuration.apiCredentials[0]
        if action == "AssumeRoleWithWebIdentity" {
            guard let token = value("WebIdentityToken"), !token.isEmpty, let role = value("RoleArn") else {
                return xmlError(.badRequest, "InvalidIdentityToken", "No web identity token", requestID)
            }
            return xml(action, credentialsXML(key) + assumedUserXML(role: role, session: value("RoleSessionName") ?? "session"), requestID)
        }
        let headers = request.headers.map { SigV4Request.Header($0.0, $0.1) }
        let credentials = configuration.apiCredentials
        let verification = SigV4Verifier(service: "sts", region: configuration.region).verify(
            method: request.method.rawValue, rawTarget: request.uri, headers: headers, body: request.body, now: clock.now()
        ) { id in
            credentials.first { $0.accessKeyID == id }.map {
                SigV4Verifier.Key(secretAccessKey: $0.secretAccessKey, sessionToken: $0.sessionToken)
            }
        }
        guard case .success(let accessKey) = verification else {
            return xmlError(.forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match", requestID)
        }
        let account = credentials.first { $0.accessKeyID == accessKey }?.account ?? configuration.account
        switch action {
        case "GetCallerIdentity":
            return xml(action, "<Arn>arn:aws:sts::\(account):assumed-role/ecs-protect-simulator/operator</Arn>"
                + "<UserId>AROASIMULATOR:operator</UserId><Account>\(account)</Account>", requestID)
        case "AssumeRole":
            let role = value("RoleArn") ?? "arn:aws:iam::\(account):role/simulated"
            return xml(action, credentialsXML(key) + assumedUserXML(role: role, session: value("RoleSessionName") ?? "session"), requestID)
        default:
            return xmlError(.badRequest, "InvalidAction", "Could not find operation \(Self.escape(action))", requestID)
        }
    }

    /// The simulator's keys have no session token; STS always hands one out (ignored by the verifier).
    static let placeholderSessionToken = "simulated-session-token"

    private func credentialsXML(_ key: SimulatorConfiguration.APICredential) -> String {
        let expiry = clock.now().addingTimeInterval(configuration.identityCredentialLifetime)
        return "<Credentials><AccessKeyId>\(key.accessKeyID)</AccessKeyId>"
            + "<SecretAccessKey>\(Self.escape(key.secretAccessKey))</SecretAccessKey>"
            + "<SessionToken>\(Self.escape(key.sessionToken ?? Self.placeholderSessionToken))</SessionToken>"
            + "<Expiration>\(WireTime.rfc3339(millisecondsSince1970: Int64(expiry.timeIntervalSince1970.rounded(.down)) * 1000))</Expiration></Credentials>"
    }

    private func assumedUserXML(role: String, session: String) -> String {
        "<AssumedRoleUser><Arn>\(Self.escape(role))/\(Self.escape(session))</Arn>"
            + "<AssumedRoleId>AROASIMULATOR:\(Self.escape(session))</AssumedRoleId></AssumedRoleUser>"
    }

    private func xml(_ action: String, _ result: String, _ requestID: String) -> HTTPReply {
        let body = "<\(action)Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><\(action)Result>\(result)"
            + "</\(action)Result><ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata></\(action)Response>"
        return HTTPReply(status: .ok, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestID)], body: Array(body.utf8))
    }

    private func xmlError(_ status: HTTPResponseStatus, _ code: String, _ message: String, _ requestID: String) -> HTTPReply {
        let body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
            + "<Code>\(code)</Code><Message>\(Self.escape(message))</Message></Error><RequestId>\(requestID)</RequestId></ErrorResponse>"
        return HTTPReply(status: status, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestID)], body: Array(body.utf8))
    }

    private func jsonError(_ status: HTTPResponseStatus, _ code: String, _ message: String, _ requestID: String) -> HTTPReply {
        let body = JSONText.object([("message", JSONText.string(message))])
        return HTTPReply(status: status, headers: [
            ("Content-Type", "application/json"), ("x-amzn-RequestId", requestID), ("x-amzn-ErrorType", code),
        ], body: Array(body.utf8))
    }

    private static func escape(_ text: String) -> String {
        text.replacingEvery("&", with: "&amp;").replacingEvery("<", with: "&lt;")
            .replacingEvery(">", with: "&gt;").replacingEvery("\"", with: "&quot;")
    }
}
