/// Sends one request to one endpoint and always comes back with a response, never a thrown error.
///
/// ``AgentHTTPClient`` is the real implementation; the monitor depends only on this protocol so
/// its scheduling can be tested with a scripted transport and an injected clock.
public protocol ProtectionTransport: Sendable {
    func send(_ request: ProtectionRequest, to endpoint: Endpoint) async -> ProtectionResponse

    /// Where work that calls ``send(_:to:)`` is cheapest to run: the thread the transport's I/O
    /// completes on. Callers that start tasks for requests prefer it; nil means no preference.
    var preferredExecutor: (any TaskExecutor)? { get }
}

extension ProtectionTransport {
    /// No preference: tasks run on the global executor.
    public var preferredExecutor: (any TaskExecutor)? { nil }
}
