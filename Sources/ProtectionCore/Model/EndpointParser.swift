import SafeText

/// Turns what the operator typed (`[label=]URI`) into an ``Endpoint``, or says why it cannot.
///
/// Accepts an `ECS_AGENT_URI` (`http://host[:port]/api/<id>`) or the full
/// `…/task-protection/v1/state` URL. Only `http` and `https` are accepted.
public enum EndpointParser {
    /// Parses `[label=]URI`. A label is everything before the first `=` when that prefix holds no
    /// `:` or `/`, so URIs whose query contains `=` are not mistaken for labels.
    public static func parse(_ argument: String) throws(EndpointError) -> Endpoint {
        // A label or URI is echoed on screens and in errors: nothing a terminal would act on is allowed.
        guard !TerminalSafeText.containsUnsafe(argument) else { throw .controlCharacters(argument) }
        let trimmed = argument.trimmingWhitespace()
        var label: String?
        var uri = trimmed
        if let equals = trimmed.firstIndex(of: "=") {
            let prefix = trimmed[..<equals]
            if !prefix.contains(":") && !prefix.contains("/") {
                let name = String(prefix).trimmingWhitespace()
                guard !name.isEmpty else { throw .emptyLabel(argument) }
                label = name
                uri = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace()
            }
        }
        return try parseURI(uri, label: label, original: argument)
    }

    private static func parseURI(_ uri: String, label: String?, original: String) throws(EndpointError) -> Endpoint {
        guard !uri.isEmpty else { throw .empty(original) }
        guard let schemeEnd = uri.firstRange(of: "://") else { throw .missingScheme(uri) }
        let scheme = uri[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(uri, scheme: scheme) }
        let rest = uri[schemeEnd.upperBound...]
        guard !rest.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { throw .invalidCharacters(uri) }
        guard hasValidPercentEncoding(rest) else { throw .invalidPercentEncoding(uri) }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw .userInfoNotAllowed(uri) }
        let (host, port) = try hostAndPort(String(authority), uri: uri, scheme: scheme)

        // Query and fragment mean nothing to the agent; drop them so the state path is appended to the path.
        var path = String(rest[authorityEnd...])
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(Endpoint.statePath) { path.removeLast(Endpoint.statePath.count) }
        while path.hasSuffix("/") { path.removeLast() }

        let hostPart = host.contains(":") ? "[\(host)]" : host
        let portPart = authority.contains(where: { $0 == ":" }) && hasExplicitPort(String(authority)) ? ":\(port)" : ""
        let agentURI = "\(scheme)://\(hostPart)\(portPart)\(path)"
        return Endpoint(label: label, agentURI: agentURI, scheme: scheme, host: host, port: port)
    }

    /// Every `%` starts a `%XX` escape (RFC 3986), or the URL cannot be built when the request is sent.
    private static func hasValidPercentEncoding(_ text: Substring) -> Bool {
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else { continue }
            guard let high = bytes.next(), let low = bytes.next(), isHexDigit(high), isHexDigit(low) else { return false }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func hasExplicitPort(_ authority: String) -> Bool {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            return authority[authority.index(after: close)...].hasPrefix(":")
        }
        return authority.contains(":")
    }

    private static func hostAndPort(_ authority: String, uri: String, scheme: String) throws(EndpointError) -> (String, Int) {
        let defaultPort = scheme == "https" ? 443 : 80
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidHost(uri) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidHost(uri) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = Substring(authority)
        }
        guard !host.isEmpty, host.allSatisfy(isHostCharacter) else { throw .invalidHost(uri) }
        guard let portText else { return (String(host), defaultPort) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
              let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidPort(uri, port: String(portText))
        }
        return (String(host), port)
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-._:%".contains(character))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
