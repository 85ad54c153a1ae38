import ProtectionCore

/// One HTTP request to an AWS endpoint (ECS, STS, a container or instance metadata endpoint).
public struct AWSHTTPRequest: Sendable {
    /// Absolute URL.
    public var url: String
    /// `GET`, `POST`, `PUT`.
    public var method: String
    /// Header fields in order.
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]
    /// Deadline for the whole request, head and body, in seconds.
    public var timeout: Double

    /// Creates a request.
    public init(url: String, method: String, headers: [(String, String)] = [], body: [UInt8] = [], timeout: Double) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What came back: status, headers and the (size-capped) body.
public struct AWSHTTPResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }
}

/// A request that produced no response.
public struct TransportFailure: Error, Sendable, Equatable {
    /// What went wrong, in the agent client's terms.
    public var problem: TransportProblem

    /// Wraps a problem.
    public init(_ problem: TransportProblem) {
        self.problem = problem
    }
}

/// Sends requests; never throws: a request that produced no response is a ``TransportFailure``.
public protocol AWSHTTPTransport: Sendable {
    /// Sends `request` and returns the response or the problem.
    func send(_ request: AWSHTTPRequest) async -> Result<AWSHTTPResponse, TransportFailure>
}
