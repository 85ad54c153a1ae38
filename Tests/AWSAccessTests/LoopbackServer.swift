import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 with a free port, answering from a closure, recording
/// every request. It stands in for the container credentials endpoint, instance metadata and STS.
final class LoopbackServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Reply: Sendable {
        var status: Int
        var body: String
        var headers: [(String, String)] = []
        var delay: Duration = .zero
    }

    typealias Handler = @Sendable (Request) -> Reply

    private let channel: any Channel
    private let log: RequestLog
    let port: Int

    var url: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { log.requests.withLock { $0 } }

    init(_ handler: @escaping Handler) async throws {
        let log = RequestLog()
        self.log = log
        let record: @Sendable (Request) -> Void = { request in log.requests.withLock { $0.append(request) } }
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(handler: handler, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func close() async {
        try? await channel.close()
    }

    private final class RequestLog: Sendable {
        let requests = Mutex<[Request]>([])
    }

    private final class ConnectionHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handler: Handler
        let record: @Sendable (Request) -> Void
        var assembler = RequestAssembler()

        init(handler: @escaping Handler, record: @escaping @Sendable (Request) -> Void) {
            self.handler = handler
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard let request = assembler.take(unwrapInboundIn(data)) else { return }
            record(request)
            let reply = handler(request)
            var headers = HTTPHeaders(reply.headers)
            headers.add(name: "Content-Length", value: String(reply.body.utf8.count))
            let write = { [self] in
                context.write(wrapOutboundOut(.head(HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
            if reply.delay > .zero {
                context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(reply.delay / .nanoseconds(1)))) {
                    write()
                }
            } else {
                write()
            }
        }
    }
}

/// Collects one request's parts, as NIO's HTTP server pipeline delivers them, into a
/// ``LoopbackServer/Request``.
struct RequestAssembler {
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    /// Takes the next part; the whole request once its end arrived.
    mutating func take(_ part: HTTPServerRequestPart) -> LoopbackServer.Request? {
        switch part {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return nil }
            return LoopbackServer.Request(method: head.method.rawValue, uri: head.uri,
                                          headers: head.headers.map { ($0.name, $0.value) }, body: body)
        }
        return nil
    }
}
