/// The parts of an HTTP request that SigV4 signs.
public struct SigV4Request: Sendable, Equatable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path exactly as it goes on the wire (already percent-encoded), e.g. `/`.
    public var path: String
    /// Query parameters, decoded (names and values as they read, before any encoding).
    public var query: [QueryParameter]
    /// Header fields in order; a name may repeat. Must hold `Host` unless the caller adds it.
    public var headers: [Header]
    /// The body bytes.
    public var body: [UInt8]

    /// One header field.
    public struct Header: Sendable, Equatable {
        /// The name as written (case does not matter for signing).
        public var name: String
        /// The value as written (SigV4 trims it and collapses runs of spaces).
        public var value: String

        /// Creates a header field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One query parameter, decoded.
    public struct QueryParameter: Sendable, Equatable {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String

        /// Creates a query parameter.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a request.
    public init(method: String, path: String, query: [QueryParameter] = [], headers: [Header], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query as it goes on the wire, encoded as SigV4 encodes it (so the wire form and the
    /// canonical form agree), in the caller's order; empty when there are no parameters.
    public var encodedQuery: String {
        query.map { AWSPercentEncoding.encode($0.name) + "=" + AWSPercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// Splits a raw wire query (`a=1&b=%20`) into decoded parameters; `nil` for a broken escape.
    public static func parseQuery(_ raw: Substring) -> [QueryParameter]? {
        guard !raw.isEmpty else { return [] }
        var parameters: [QueryParameter] = []
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = AWSPercentEncoding.decode(parts[0]),
                  let value = AWSPercentEncoding.decode(parts.count > 1 ? parts[1] : "") else { return nil }
            parameters.append(QueryParameter(name, value))
        }
        return parameters
    }
}
