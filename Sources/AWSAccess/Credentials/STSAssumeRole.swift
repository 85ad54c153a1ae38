import AWSSigning
import FoundationEssentials
import ProtectionCore
import SafeText

/// STS `AssumeRole` (Query protocol, XML answer) for profiles with `role_arn` + `source_profile`.
enum STSAssumeRole {
    struct Parameters {
        var roleArn: String
        var sessionName: String
        var externalID: String?
        var durationSeconds: Int?
    }

    static func call(
        _ parameters: Parameters, sourceCredentials: AWSCredentials, endpoint: AWSEndpoint, region: String,
        transport: any AWSHTTPTransport, profile: String
    ) async throws(AWSConfigurationError) -> AWSCredentials {
        var query: [SigV4Request.QueryParameter] = [
            .init("Action", "AssumeRole"), .init("Version", "2011-06-15"),
            .init("RoleArn", parameters.roleArn), .init("RoleSessionName", parameters.sessionName),
        ]
        if let external = parameters.externalID { query.append(.init("ExternalId", external)) }
        if let duration = parameters.durationSeconds { query.append(.init("DurationSeconds", String(duration))) }
        let body = SigV4Request(method: "POST", path: "/", query: query, headers: []).encodedQuery
        let sender = SignedRequestSender(
            endpoint: endpoint, signer: SigV4Signer(service: "sts", region: region),
            credentials: StaticCredentialsProvider(sourceCredentials), transport: transport, requestTimeout: 10)
        let source = "AssumeRole of \(parameters.roleArn) for profile \(profile) at \(endpoint.url)"
        switch await sender.post(headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                 body: Array(body.utf8)) {
        case .failure(.service(let error)):
            // The sender decodes JSON errors; STS answers XML, so read the code from the body again.
            throw AWSConfigurationError("\(source): \(error.code): \(error.message)")
        case .failure(let error):
            throw AWSConfigurationError("\(source): \(error.description)")
        case .success(let response):
            return try decodeCredentials(response.body, source: source)
        }
    }

    /// The `Credentials` element of an `AssumeRole…` answer.
    static func decodeCredentials(_ body: [UInt8], source: String) throws(AWSConfigurationError) -> AWSCredentials {
        let xml = String(decoding: body, as: UTF8.self)
        guard let keyID = element("AccessKeyId", in: xml), let secret = element("SecretAccessKey", in: xml),
              let token = element("SessionToken", in: xml), let expirationText = element("Expiration", in: xml),
              let expiration = RFC3339.parse(expirationText) else {
            throw AWSConfigurationError("\(source): the answer holds no complete Credentials element")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }

    /// The text of the first `<name>…</name>`, with XML's predefined entities decoded.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.firstRange(of: "<\(name)>"),
              let close = xml[open.upperBound...].firstRange(of: "</\(name)>") else { return nil }
        let text = xml[open.upperBound..<close.lowerBound].trimmingWhitespaceAndNewlines()
        return text.replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&quot;", with: "\"").replacing("&apos;", with: "'")
            .replacing("&amp;", with: "&")
    }
}
