import SafeText
/// A service endpoint URL, split into what the request and the signature need.
public struct AWSEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The URL requests are sent to (`scheme://host[:port]/path`).
    public let url: String
    /// The `Host` header: the host, with the port unless it is the scheme's default.
    public let hostHeader: String
    /// The path (`/` when none).
    public let path: String

    /// Parses an `http` or `https` URL without query, fragment or user info.
    /// - Throws: ``AWSConfigurationError`` naming the value and where it came from.
    public init(_ text: String, source: String = "endpoint") throws(AWSConfigurationError) {
        let trimmed = text.trimmingHorizontalWhitespace()
        let lowered = trimmed.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") { scheme = "https" } else if lowered.hasPrefix("http://") { scheme = "http" } else {
            throw AWSConfigurationError("\(source): \"\(Self.printable(text))\" is not an http:// or https:// URL")
        }
        let rest = trimmed.dropFirst(scheme.count + 3)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let remainder = rest[authorityEnd...]
        guard !authority.contains("@" as Character) else {
            // Not echoed: user information may hold a password.
            throw AWSConfigurationError("\(source): user information in the URL is not supported")
        }
        guard !authority.isEmpty,
              authority.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw AWSConfigurationError("\(source): \"\(Self.printable(text))\" has no valid host")
        }
        guard !remainder.contains("?" as Character), !remainder.contains("#" as Character),
              remainder.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw AWSConfigurationError("\(source): \"\(Self.printable(text))\" must not carry a query or fragment")
        }
        var host = authority.lowercased()
        if let colon = host.lastIndex(of: ":"), !host[colon...].contains("]" as Character) {
            let port = host[host.index(after: colon)...]
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw AWSConfigurationError("\(source): \"\(Self.printable(text))\" has an invalid port")
            }
            if (scheme == "http" && number == 80) || (scheme == "https" && number == 443) {
                host = String(host[..<colon])
            }
        }
        hostHeader = host
        path = remainder.isEmpty ? "/" : String(remainder)
        url = "\(scheme)://\(authority)\(path)"
    }

    /// The regional endpoint of `service` (`https://ecs.us-west-2.amazonaws.com`).
    public static func regional(service: String, region: String) throws(AWSConfigurationError) -> AWSEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return try AWSEndpoint("https://\(service).\(region).\(suffix)", source: "region \(region)")
    }

    public var description: String { url }

    private static func printable(_ text: String) -> String {
        TextSanitizer.clean(text, limit: 200)
    }
}
