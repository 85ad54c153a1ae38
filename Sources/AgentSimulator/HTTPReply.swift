import NIOHTTP1

/// One response as the simulator will put it on the wire. `Date`, `Connection` and
/// `Content-Length` are added when it is written, after any delay, as Go's server does.
struct HTTPReply: Sendable, Equatable {
    var status: HTTPResponseStatus
    /// Header fields in wire order (Go writes a handler's headers sorted by name).
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers.sorted { $0.0 < $1.0 }
        self.body = body
    }

    static func == (lhs: HTTPReply, rhs: HTTPReply) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map(\.0) == rhs.headers.map(\.0) && lhs.headers.map(\.1) == rhs.headers.map(\.1)
    }
}

/// When and how a reply is produced.
enum ScheduledReply: Sendable {
    /// The reply, written after `delay` (zero for at once).
    case after(Duration, HTTPReply)
    /// A reply that needs asynchronous work first (e.g. re-binding the agent listener).
    case async(@Sendable () async -> HTTPReply)
}

/// The parts of a request the responders look at.
struct IncomingRequest: Sendable {
    var method: HTTPMethod
    var uri: String
    var body: [UInt8]
    var clientIP: String
    /// Header fields in wire order (the ECS API listener verifies signatures over them).
    var headers: [(String, String)] = []

    /// The URL path without the query string.
    var path: String {
        uri.firstIndex(of: "?").map { String(uri[..<$0]) } ?? uri
    }
}
