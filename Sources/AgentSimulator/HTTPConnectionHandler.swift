import NIOCore
import NIOHTTP1

/// Serves one connection: collects each request, asks the responder, writes the reply after its
/// delay with `Date`/`Content-Length` added, and closes the connection once it has been idle for
/// `idleTimeout` (the agent's 5 s read timeout).
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies beyond this are cut; the agent's requests are tiny.
    private static let maximumBodySize = 1 << 20

    private let responder: @Sendable (IncomingRequest) -> ScheduledReply
    private let dateHeader: @Sendable () -> String
    private let idleTimeout: TimeAmount
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var idleClose: Scheduled<Void>?
    /// A request has been read and its reply not yet written; the idle timer must not run.
    private var awaitingReply = false

    init(
        idleTimeout: TimeAmount,
        dateHeader: @escaping @Sendable () -> String,
        responder: @escaping @Sendable (IncomingRequest) -> ScheduledReply
    ) {
        self.idleTimeout = idleTimeout
        self.dateHeader = dateHeader
        self.responder = responder
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleClose(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        scheduleIdleClose(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleClose?.cancel()
        idleClose = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            idleClose?.cancel()
            idleClose = nil
            awaitingReply = true
            head = requestHead
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            let room = Self.maximumBodySize - body.count
            if room > 0, let bytes = buffer.readBytes(length: min(room, buffer.readableBytes)) {
                body.append(contentsOf: bytes)
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let request = IncomingRequest(
                method: requestHead.method, uri: requestHead.uri, body: body,
                clientIP: context.channel.remoteAddress?.ipAddress ?? "",
                headers: requestHead.headers.map { ($0.name, $0.value) })
            respond(to: request, keepAlive: requestHead.isKeepAlive, version: requestHead.version, context: context)
        }
    }

    private func respond(to request: IncomingRequest, keepAlive: Bool, version: HTTPVersion,
                         context: ChannelHandlerContext) {
        let eventLoop = context.eventLoop
        let future: EventLoopFuture<HTTPReply>
        switch responder(request) {
        case .after(let delay, let reply) where delay <= .zero:
            future = eventLoop.makeSucceededFuture(reply)
        case .after(let delay, let reply):
            future = eventLoop.scheduleTask(in: delay.timeAmount) { reply }.futureResult
        case .async(let work):
            let promise = eventLoop.makePromise(of: HTTPReply.self)
            promise.completeWithTask { await work() }
            future = promise.futureResult
        }
        future.assumeIsolated().whenSuccess { reply in
            self.write(reply, keepAlive: keepAlive, version: version, context: context)
        }
    }

    private func write(_ reply: HTTPReply, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        awaitingReply = false
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders(reply.headers)
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        headers.add(name: "Date", value: dateHeader())
        headers.add(name: "Content-Length", value: String(reply.body.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: reply.status, headers: headers))),
                      promise: nil)
        if !reply.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        written.assumeIsolated().whenComplete { _ in
            if !keepAlive {
                context.close(promise: nil)
            } else if !self.awaitingReply {
                // A pipelined request may already be in progress; its reply restarts the timer.
                self.scheduleIdleClose(context: context)
            }
        }
    }

    private func scheduleIdleClose(context: ChannelHandlerContext) {
        idleClose?.cancel()
        idleClose = context.eventLoop.assumeIsolated().scheduleTask(in: idleTimeout) {
            context.close(promise: nil)
        }
    }
}
