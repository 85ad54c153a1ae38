import ProtectionCore
import Synchronization

/// What the client keeps per endpoint between polls: the request target of its state URL, and its
/// last answer with what that answer decoded to.
///
/// An idle agent answers every poll with the same bytes, and decoding them (a JSON tree, then the
/// Go field-name rules) cost as much as the request's own system calls. Decoding is a pure
/// function of status and body, so an answer whose status and body equal the last one's, byte for
/// byte, takes the last result.
final class EndpointAnswerMemo: Sendable {
    private struct Entry {
        var target: String
        var lastAnswer: Answer?
    }

    private struct Answer {
        let status: Int
        let body: [UInt8]
        let result: ProtectionResult
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Bodies longer than this are decoded every time: an agent's answer is a few hundred bytes.
    static let largestKeptBody = 4096
    /// Endpoints kept at most; past it the memo starts afresh, so it cannot grow without bound.
    static let endpointLimit = 20_000

    /// The request target (path and query) of `stateURL`.
    func target(of stateURL: String) -> String {
        if let target = entries.withLock({ $0[stateURL]?.target }) { return target }
        let target = HTTPRequestTarget.of(stateURL)
        entries.withLock { entries in
            if entries.count >= Self.endpointLimit { entries.removeAll() }
            if entries[stateURL] == nil { entries[stateURL] = Entry(target: target) }
        }
        return target
    }

    /// What `status` and `body` from `stateURL` decode to (``ResponseDecoder``).
    func decode(status: Int, body: [UInt8], from stateURL: String) -> ProtectionResult {
        let kept = entries.withLock { entries -> ProtectionResult? in
            guard let last = entries[stateURL]?.lastAnswer, last.status == status, last.body == body else { return nil }
            return last.result
        }
        if let kept { return kept }
        let result = ResponseDecoder.decode(status: status, body: body)
        guard body.count <= Self.largestKeptBody else { return result }
        entries.withLock { $0[stateURL]?.lastAnswer = Answer(status: status, body: body, result: result) }
        return result
    }
}
