/// Decides whether a finished request's result may still be delivered.
///
/// The rule: a GET that was sent before a PUT's response arrived (for the same target) is
/// dropped when it finishes after that response, because it may describe the state from before
/// the PUT and would overwrite what the PUT established. A GET sent after the PUT's response is
/// delivered normally. Every response of a PUT counts, including failed ones: the GET's answer is
/// older than the PUT's either way.
///
/// The scheduler never has two requests in flight for one target, so this cannot trigger there
/// today; the guard keeps the promise of ``MonitorEvent/responded(target:request:response:)``
/// independent of that scheduling detail.
public struct StaleResultGuard: Sendable {
    private var clock: UInt64 = 0
    private var lastPutResponse: [TargetID: UInt64] = [:]

    public init() {}

    /// Stamps a request as it is sent; pass the stamp back to ``admit(target:request:sentStamp:)``.
    public mutating func stampSend() -> UInt64 {
        clock += 1
        return clock
    }

    /// Records that a request's response arrived and says whether it may be delivered.
    public mutating func admit(target: TargetID, request: ProtectionRequest, sentStamp: UInt64) -> Bool {
        clock += 1
        switch request {
        case .put:
            lastPutResponse[target] = clock
            return true
        case .get:
            return sentStamp > lastPutResponse[target, default: 0]
        }
    }
}
