import AWSSigning
import FoundationEssentials
import SafeText

/// EC2 instance metadata, IMDSv2 only: a session token from `PUT /latest/api/token`, then the
/// role's credentials or the region. Each request has a one-second deadline and is tried once,
/// so a laptop without metadata gives up quickly. `AWS_EC2_METADATA_DISABLED=true` turns it off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
struct InstanceMetadata {
    let environment: AWSEnvironment
    let transport: any AWSHTTPTransport
    static let timeoutSeconds: Double = 1

    var isDisabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }

    var base: String {
        var endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? environment.defaultMetadataEndpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        return endpoint
    }

    func credentials() async throws(AWSConfigurationError) -> AWSCredentials {
        let token = try await sessionToken()
        let roles = try await get("/latest/meta-data/iam/security-credentials/", token: token)
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map({ $0.trimmingHorizontalWhitespace() }), !role.isEmpty,
              role.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" }) else {
            throw AWSConfigurationError("instance metadata at \(base) lists no usable IAM role")
        }
        let document = try await get("/latest/meta-data/iam/security-credentials/" + role, token: token)
        return try CredentialsJSON.decode(document, source: "instance metadata at \(base)")
    }

    func region() async throws(AWSConfigurationError) -> String {
        let token = try await sessionToken()
        let body = try await get("/latest/meta-data/placement/region", token: token)
        return String(decoding: body, as: UTF8.self).trimmingWhitespaceAndNewlines()
    }

    private func sessionToken() async throws(AWSConfigurationError) -> String {
        let response = try await send(AWSHTTPRequest(
            url: base + "/latest/api/token", method: "PUT",
            headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: Self.timeoutSeconds))
        let token = String(decoding: response, as: UTF8.self)
        guard !token.isEmpty, token.count < 4096, !token.contains(where: \.isNewline) else {
            throw AWSConfigurationError("instance metadata at \(base) returned no usable IMDSv2 token")
        }
        return token
    }

    private func get(_ path: String, token: String) async throws(AWSConfigurationError) -> [UInt8] {
        try await send(AWSHTTPRequest(
            url: base + path, method: "GET", headers: [("X-aws-ec2-metadata-token", token)], timeout: Self.timeoutSeconds))
    }

    private func send(_ request: AWSHTTPRequest) async throws(AWSConfigurationError) -> [UInt8] {
        switch await transport.send(request) {
        case .failure(let failure):
            throw AWSConfigurationError("instance metadata at \(base): \(failure.problem.message)")
        case .success(let response) where response.status == 200:
            return response.body
        case .success(let response):
            throw AWSConfigurationError("instance metadata at \(base): HTTP \(response.status)")
        }
    }
}
