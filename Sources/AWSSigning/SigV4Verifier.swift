import Crypto
import FoundationEssentials
import SafeText

/// Checks SigV4 `Authorization` headers on the server side, as AWS does before it looks at a request.
public struct SigV4Verifier: Sendable {
    /// Why a request was not accepted. Each case maps to the error AWS answers with.
    public enum Rejection: Error, Sendable, Equatable {
        /// No `Authorization` header at all (AWS: `MissingAuthenticationTokenException`).
        case missingAuthentication
        /// The header is not `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or a signed
        /// header or `X-Amz-Date` is absent (AWS: `IncompleteSignatureException`).
        case incompleteSignature(String)
        /// The access key id is not known (AWS: `UnrecognizedClientException`).
        case unknownAccessKey
        /// The scope names another region or service, or a date other than `X-Amz-Date`'s.
        case wrongScope(String)
        /// The request time is more than the allowed skew away from the server's clock
        /// (AWS: `InvalidSignatureException` "Signature expired: …" or "Signature not yet current: …").
        case expired(String)
        /// The signature differs (AWS: `InvalidSignatureException`).
        case signatureMismatch
        /// `X-Amz-Security-Token` is absent where the key needs one, or is wrong.
        case invalidToken
    }

    /// A key the server knows: its secret and, for session credentials, the token it requires.
    public struct Key: Sendable {
        /// The secret access key.
        public var secretAccessKey: String
        /// The session token this key requires, if any.
        public var sessionToken: String?

        /// Creates a key.
        public init(secretAccessKey: String, sessionToken: String? = nil) {
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// The service name the scope must carry.
    public let service: String
    /// The region the scope must carry.
    public let region: String
    /// How far the request time may be from the server's clock (AWS: 5 minutes).
    public let allowedSkew: TimeInterval

    /// Creates a verifier.
    public init(service: String, region: String, allowedSkew: TimeInterval = 300) {
        self.service = service
        self.region = region
        self.allowedSkew = allowedSkew
    }

    /// Verifies one request: `rawTarget` is the request target as received (`/path?query`).
    /// Returns the access key id on success.
    public func verify(
        method: String, rawTarget: String, headers: [SigV4Request.Header], body: [UInt8], now: Date,
        lookup: (String) -> Key?
    ) -> Result<String, Rejection> {
        let values = { (name: String) in headers.filter { $0.name.lowercased() == name }.map(\.value) }
        guard let authorization = values("authorization").first else { return .failure(.missingAuthentication) }
        guard let parsed = Self.parseAuthorization(authorization) else {
            return .failure(.incompleteSignature(
                "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."))
        }
        let scopeParts = parsed.credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scopeParts.count == 5, scopeParts[4] == "aws4_request" else {
            return .failure(.incompleteSignature("Credential should be scoped to a valid region."))
        }
        guard let amzDate = values("x-amz-date").first, let requestTime = SigV4Timestamp.parse(amzDate) else {
            return .failure(.incompleteSignature(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
        }
        for name in parsed.signedHeaders where values(name).isEmpty {
            return .failure(.incompleteSignature("Signed header '\(name)' is missing from the request."))
        }
        guard parsed.signedHeaders.contains("host") else {
            return .failure(.incompleteSignature("'Host' must be a signed header."))
        }
        let accessKeyID = String(scopeParts[0])
        guard let key = lookup(accessKeyID) else { return .failure(.unknownAccessKey) }
        if abs(requestTime.timeIntervalSince(now)) > allowedSkew {
            return .failure(.expired(skewMessage(requestTime: amzDate, isLate: requestTime < now, now: now)))
        }
        let dateStamp = String(scopeParts[1])
        guard dateStamp == String(amzDate.prefix(8)) else {
            return .failure(.wrongScope("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP"))
        }
        guard scopeParts[2] == region else {
            return .failure(.wrongScope("Credential should be scoped to a valid region. "))
        }
        guard scopeParts[3] == service else {
            return .failure(.wrongScope("Credential should be scoped to correct service: '\(service)'. "))
        }
        let pathEnd = rawTarget.firstIndex(of: "?") ?? rawTarget.endIndex
        let rawQuery = pathEnd < rawTarget.endIndex ? rawTarget[rawTarget.index(after: pathEnd)...] : ""
        guard let query = SigV4Request.parseQuery(rawQuery) else { return .failure(.signatureMismatch) }
        let signedOnly = headers.filter { parsed.signedHeaders.contains($0.name.lowercased()) }
        let canonical = SigV4Signer.canonicalRequest(
            method: method, path: String(rawTarget[..<pathEnd]), query: query, headers: signedOnly,
            signedNames: parsed.signedHeaders, payloadHash: SigV4Signer.hexSHA256(body))
        let signer = SigV4Signer(service: service, region: region)
        let stringToSign = SigV4Signer.stringToSign(
            amzDate: amzDate, scope: signer.credentialScope(dateStamp: dateStamp), canonicalRequest: canonical)
        let expected = signer.signature(stringToSign: stringToSign, secretAccessKey: key.secretAccessKey, dateStamp: dateStamp)
        guard Self.constantTimeEqual(expected, parsed.signature) else { return .failure(.signatureMismatch) }
        if let token = key.sessionToken {
            guard let sent = values("x-amz-security-token").first, Self.constantTimeEqual(sent, token) else {
                return .failure(.invalidToken)
            }
        }
        return .success(accessKeyID)
    }

    /// AWS's wording, e.g. "Signature expired: 20150830T123600Z is now earlier than
    /// 20150830T124100Z (20150830T124600Z - 5 min.)".
    private func skewMessage(requestTime: String, isLate: Bool, now: Date) -> String {
        let server = SigV4Timestamp(now).amzDate
        let minutes = Int(allowedSkew / 60)
        if isLate {
            let limit = SigV4Timestamp(now.addingTimeInterval(-allowedSkew)).amzDate
            return "Signature expired: \(requestTime) is now earlier than \(limit) (\(server) - \(minutes) min.)"
        }
        let limit = SigV4Timestamp(now.addingTimeInterval(allowedSkew)).amzDate
        return "Signature not yet current: \(requestTime) is still later than \(limit) (\(server) + \(minutes) min.)"
    }

    private struct ParsedAuthorization {
        var credential: String
        var signedHeaders: [String]
        var signature: String
    }

    private static func parseAuthorization(_ value: String) -> ParsedAuthorization? {
        let prefix = "AWS4-HMAC-SHA256 "
        guard value.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in value.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingHorizontalWhitespace().split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[String(pair[0])] = String(pair[1])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
              let signature = fields["Signature"], !signed.isEmpty else { return nil }
        return ParsedAuthorization(
            credential: credential, signedHeaders: signed.split(separator: ";").map { String($0).lowercased() },
            signature: signature)
    }

    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
