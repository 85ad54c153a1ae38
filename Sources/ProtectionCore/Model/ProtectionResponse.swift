import Foundation

/// One request's outcome with what the HTTP layer saw around it.
public struct ProtectionResponse: Sendable, Equatable {
    /// The decoded outcome.
    public var result: ProtectionResult
    /// The HTTP status, or nil when nothing came back.
    public var httpStatus: Int?
    /// The server's `Date` header (second precision), when present and well-formed.
    public var serverDate: Date?
    /// When the request was sent, by the local clock.
    public var sentAt: Date
    /// When the response (or the problem) arrived, by the local clock.
    public var receivedAt: Date

    public init(result: ProtectionResult, httpStatus: Int?, serverDate: Date?, sentAt: Date, receivedAt: Date) {
        self.result = result
        self.httpStatus = httpStatus
        self.serverDate = serverDate
        self.sentAt = sentAt
        self.receivedAt = receivedAt
    }
}
