import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// One request and its answer on one pooled HTTP/1.1 connection: writes the request, collects the
/// response (head, body up to a cap, informational responses counted and capped) and reports the
/// outcome once. Lives at the end of the connection's pipeline and serves one exchange at a time.
final class HTTPExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// What an exchange ends with: the response and whether the connection may carry another.
    typealias Outcome = Result<(response: RawResponse, keepAlive: Bool), RequestProblem>

    /// Informational (1xx) responses accepted before the final one. Neither the agent nor AWS sends
    /// any (we never ask `Expect: 100-continue`); an endless stream of them must end the request,
    /// not spin on it.
    static let informationalLimit = 4

    private let bodyLimit: Int
    private var completion: ((Outcome) -> Void)?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var informational = 0
    private let counts: ExchangeCounts

    init(bodyLimit: Int, counts: ExchangeCounts) {
        self.bodyLimit = bodyLimit
        self.counts = counts
    }

    /// Sends `head` and `body` on `context`'s channel; `completion` runs once, on the loop.
    func begin(_ head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext,
               completion: @escaping (Outcome) -> Void) {
        self.completion = completion
        self.head = nil
        self.body.removeAll(keepingCapacity: true)
        informational = 0
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// The pending exchange is abandoned (its deadline passed): nothing more is reported.
    func abandon() {
        completion = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard completion != nil else {
            // Bytes nobody asked for (after a deadline, or unsolicited): the connection is unusable.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let responseHead) where (100..<200).contains(responseHead.status.code) && head == nil:
            informational += 1
            if informational > Self.informationalLimit {
                finish(.failure(RequestProblem(.unexpectedResponse(
                    "more than \(Self.informationalLimit) informational (1xx) responses to one request"))), context: context)
                context.close(promise: nil)
            } else {
                counts.informationalAccepted.add(1, ordering: .relaxed)
            }
        case .head(let responseHead):
            head = responseHead
        case .body(let chunk):
            guard body.count + chunk.readableBytes <= bodyLimit else {
                finish(.failure(RequestProblem(.unexpectedResponse("response body exceeds the size limit of \(bodyLimit) bytes"))),
                       context: context)
                context.close(promise: nil)
                return
            }
            body.append(contentsOf: chunk.readableBytesView)
        case .end:
            guard let head else {
                finish(.failure(RequestProblem(.unexpectedResponse("response ended without a head"))), context: context)
                context.close(promise: nil)
                return
            }
            let response = RawResponse(status: Int(head.status.code), headers: head.headers, body: body)
            finish(.success((response, head.isKeepAlive)), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NIOSSLError, case .uncleanShutdown = error {
            // A TLS peer that closed without close_notify: the closing itself says what it means
            // (a response delimited by the close ends there, a half-read one is cut short).
            return
        }
        finish(.failure(RequestProblem(error)), context: context)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closed before any answer: a keep-alive connection the agent dropped, worth one retry.
        // Closed inside an answer: the agent did start answering this request.
        finish(.failure(RequestProblem(.connectionReset, isStaleConnection: head == nil && informational == 0)), context: context)
        context.fireChannelInactive()
    }

    private func finish(_ outcome: Outcome, context: ChannelHandlerContext) {
        guard let completion else { return }
        self.completion = nil
        completion(outcome)
    }
}

/// Status, header fields and body bytes, before decoding.
package struct RawResponse: Sendable {
    /// The status code.
    package var status: Int
    /// The header fields as received.
    package var headers: HTTPHeaders
    /// The body, at most the pool's limit.
    package var body: [UInt8]

    /// The `Date` field, which the agent client reads to see the agent's clock.
    var date: String? { headers.first(name: "Date") }
}
