import Crypto
import FoundationEssentials

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`, headers, signed payload).
///
/// The canonical form follows the published algorithm as botocore's `SigV4Auth` implements it
/// for non-S3 services: the wire path with dot segments and empty segments removed, then
/// percent-encoded again; query parameters encoded and sorted by name, then value; header names
/// lower-cased and sorted, values trimmed with inner runs of white space collapsed, repeated
/// headers joined by commas; hop-by-hop headers and `User-Agent` left unsigned.
public struct SigV4Signer: Sendable {
    /// The signing name of the service, e.g. `ecs`, `sts`.
    public let service: String
    /// The region, e.g. `us-west-2`.
    public let region: String

    /// Headers that are never signed (proxies and clients change them).
    public static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
    ]

    /// Creates a signer for one service and region.
    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// The outcome of signing: the request's headers with `X-Amz-Date`, `X-Amz-Security-Token`
    /// (for session credentials) and `Authorization` set, and the intermediate texts.
    public struct Signed: Sendable {
        /// Every header to send, in order, the added ones last.
        public var headers: [SigV4Request.Header]
        /// The canonical request that was hashed.
        public var canonicalRequest: String
        /// The string that was signed.
        public var stringToSign: String
        /// The hex signature.
        public var signature: String
        /// The `Authorization` value.
        public var authorization: String
    }

    /// Signs `request` at `date` with `credentials`. Existing `X-Amz-Date`,
    /// `X-Amz-Security-Token` and `Authorization` headers are replaced.
    public func sign(_ request: SigV4Request, credentials: AWSCredentials, date: Date) -> Signed {
        let timestamp = SigV4Timestamp(date)
        let replaced: Set<String> = ["x-amz-date", "x-amz-security-token", "authorization"]
        var headers = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        headers.append(.init("X-Amz-Date", timestamp.amzDate))
        if let token = credentials.sessionToken {
            headers.append(.init("X-Amz-Security-Token", token))
        }
        let signedNames = Self.signedHeaderNames(headers)
        let canonical = Self.canonicalRequest(
            method: request.method, path: request.path, query: request.query, headers: headers,
            signedNames: signedNames, payloadHash: Self.hexSHA256(request.body))
        let scope = credentialScope(dateStamp: timestamp.dateStamp)
        let stringToSign = Self.stringToSign(amzDate: timestamp.amzDate, scope: scope, canonicalRequest: canonical)
        let signature = self.signature(
            stringToSign: stringToSign, secretAccessKey: credentials.secretAccessKey, dateStamp: timestamp.dateStamp)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedNames.joined(separator: ";")), Signature=\(signature)"
        headers.append(.init("Authorization", authorization))
        return Signed(headers: headers, canonicalRequest: canonical, stringToSign: stringToSign,
                      signature: signature, authorization: authorization)
    }

    /// `<date>/<region>/<service>/aws4_request`.
    public func credentialScope(dateStamp: String) -> String {
        "\(dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// The hex HMAC of `stringToSign` under the key derived from the secret, date, region and service.
    public func signature(stringToSign: String, secretAccessKey: String, dateStamp: String) -> String {
        let secret = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        let dateKey = Self.hmac(secret, dateStamp)
        let regionKey = Self.hmac(dateKey, region)
        let serviceKey = Self.hmac(regionKey, service)
        let signingKey = Self.hmac(serviceKey, "aws4_request")
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey))
    }

    // MARK: Canonical form (shared with the verifier)

    /// The sorted, lower-cased names of the headers that are signed.
    static func signedHeaderNames(_ headers: [SigV4Request.Header]) -> [String] {
        Set(headers.map { $0.name.lowercased() }).subtracting(unsignedHeaders).sorted()
    }

    static func canonicalRequest(
        method: String, path: String, query: [SigV4Request.QueryParameter], headers: [SigV4Request.Header],
        signedNames: [String], payloadHash: String
    ) -> String {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            valuesByName[header.name.lowercased(), default: []].append(trimAll(header.value))
        }
        let canonicalHeaders = signedNames.map { name in
            name + ":" + (valuesByName[name] ?? []).joined(separator: ",") + "\n"
        }.joined()
        return [
            method.uppercased(),
            canonicalPath(path),
            canonicalQuery(query),
            canonicalHeaders,
            signedNames.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        ["AWS4-HMAC-SHA256", amzDate, scope, hexSHA256(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// Dot segments and empty segments removed (RFC 3986 5.2.4, plus AWS's `//` rule), then encoded.
    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        var normalized = (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
        if path.hasSuffix("/"), !segments.isEmpty { normalized += "/" }
        return AWSPercentEncoding.encodePath(normalized)
    }

    static func canonicalQuery(_ query: [SigV4Request.QueryParameter]) -> String {
        let encoded: [(name: String, value: String)] = query.map { parameter in
            (AWSPercentEncoding.encode(parameter.name), AWSPercentEncoding.encode(parameter.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name != right.name ? left.name < right.name : left.value < right.value
        }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// Leading and trailing white space removed, inner runs collapsed to one space.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: isSpace).joined(separator: " ")
    }

    private static let spaces: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]

    private static func isSpace(_ character: Character) -> Bool {
        spaces.contains(character)
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hmac(_ key: SymmetricKey, _ message: String) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
