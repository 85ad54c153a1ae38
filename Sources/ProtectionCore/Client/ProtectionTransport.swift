/// Sends one request to one endpoint and always comes back with a response, never a thrown error.
///
/// ``AgentHTTPClient`` is the real implementation; the monitor depends only on this protocol so
/// its scheduling can be tested with a scripted transport and an injected clock.
public protocol ProtectionTransport: Sendable {
    func send(_ request: ProtectionRequest, to endpoint: Endpoint) async -> ProtectionResponse
}
