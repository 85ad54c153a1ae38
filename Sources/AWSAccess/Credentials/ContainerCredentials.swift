import AWSSigning
import FoundationEssentials
import SafeText

/// ECS (and EKS Pod Identity) container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// on the link-local base, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, or a loopback or
/// link-local host) with an `Authorization` header from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
/// or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
enum ContainerCredentials {
    static let timeoutSeconds: Double = 2

    /// `nil` when neither variable is set.
    static func fetch(environment: AWSEnvironment, transport: any AWSHTTPTransport)
        async throws(AWSConfigurationError) -> AWSCredentials? {
        let url: String
        let source: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            guard relative.hasPrefix("/") else {
                throw AWSConfigurationError("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must start with /")
            }
            url = environment.containerCredentialsBase + relative
            source = "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            let endpoint = try AWSEndpoint(full, source: "AWS_CONTAINER_CREDENTIALS_FULL_URI")
            guard endpoint.url.hasPrefix("https://") || isAllowedHost(endpoint.hostHeader) else {
                throw AWSConfigurationError(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https or a loopback or ECS/EKS link-local host")
            }
            url = full
            source = "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)"
        } else {
            return nil
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token = try authorizationToken(environment) {
            headers.append(("Authorization", token))
        }
        let response: AWSHTTPResponse
        switch await transport.send(AWSHTTPRequest(url: url, method: "GET", headers: headers, timeout: timeoutSeconds)) {
        case .failure(let failure):
            throw AWSConfigurationError("\(source): \(failure.problem.message)")
        case .success(let success):
            response = success
        }
        guard response.status == 200 else {
            throw AWSConfigurationError("\(source): HTTP \(response.status)")
        }
        return try CredentialsJSON.decode(response.body, source: source)
    }

    private static func authorizationToken(_ environment: AWSEnvironment) throws(AWSConfigurationError) -> String? {
        var token: String?
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: path), data.count < 16 << 10,
                  let text = String(data: data, encoding: .utf8) else {
                throw AWSConfigurationError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path) could not be read")
            }
            token = text.trimmingWhitespaceAndNewlines()
        } else {
            token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw AWSConfigurationError("the container authorization token contains a line break")
        }
        return token
    }

    private static func isAllowedHost(_ hostHeader: String) -> Bool {
        var host = hostHeader
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if host == "localhost" || host == "::1" || host == "169.254.170.2" || host == "169.254.170.23" || host == "fd00:ec2::23" {
            return true
        }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
