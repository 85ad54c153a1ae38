import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A tiny loopback TCP server that misbehaves in one scripted way, for transport edge cases the
/// simulator (a well-behaved agent) never produces. It reads raw bytes and treats each read that
/// completes a request head as one request; the client's requests are small GETs.
final class ScriptedServer: Sendable {
    /// What the server does with requests.
    enum Script: Sendable {
        /// Sends `head`, then one byte of `x` per `interval`, forever (until the client leaves).
        case trickle(head: String, interval: TimeAmount)
        /// Sends `bytes` in one write after each request.
        case reply([UInt8])
        /// Answers the first request of each connection with `reply`, keeps the connection open,
        /// and closes it without answering when a second request arrives on it: a keep-alive
        /// connection that the server dropped just as the client reused it.
        case closeOnReuse(reply: String)
        /// Closes every connection as soon as a request arrives, without answering.
        case closeWithoutAnswer
        /// Like ``closeOnReuse(reply:)`` on the first connection, but closes only after `delay`;
        /// requests on any later connection are never answered.
        case slowCloseOnReuseThenSilence(reply: String, delay: TimeAmount)
        /// Never answers a request whose request line contains `marker` (an agent whose ECS call
        /// hangs); answers every other request with `reply` at once.
        case hangWhenPathContains(String, reply: String)
        /// Answers each request with `100 Continue` heads and never a final response: batch after
        /// batch, each written when the last one left, until the client goes or `limit` heads went.
        case endlessInformational(limit: Int)
    }

    private let channel: any Channel
    private let counters: Counters

    /// The port it listens on.
    let port: Int

    /// Connections accepted so far.
    var connectionCount: Int { counters.connections.load(ordering: .relaxed) }
    /// Requests seen so far, on all connections.
    var requestCount: Int { counters.requests.load(ordering: .relaxed) }

    private init(channel: any Channel, counters: Counters) {
        self.channel = channel
        self.counters = counters
        port = channel.localAddress?.port ?? 0
    }

    /// Listens on `127.0.0.1` on a free port.
    static func start(_ script: Script) async throws -> ScriptedServer {
        let counters = Counters()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let index = counters.connections.add(1, ordering: .relaxed).oldValue
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ScriptedHandler(script: script, counters: counters, connectionIndex: index))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ScriptedServer(channel: channel, counters: counters)
    }

    /// Stops listening. Accepted connections end when their clients close them.
    func shutdown() async {
        try? await channel.close()
    }

    /// The state URL's endpoint for this server.
    var agentURI: String { "http://127.0.0.1:\(port)/api/scripted" }
}

private final class Counters: Sendable {
    let connections = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let script: ScriptedServer.Script
    private let counters: Counters
    private let connectionIndex: Int
    private var requestsOnThisConnection = 0
    private var pending: [UInt8] = []

    init(script: ScriptedServer.Script, counters: Counters, connectionIndex: Int) {
        self.script = script
        self.counters = counters
        self.connectionIndex = connectionIndex
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        let headEnd: [UInt8] = Array("\r\n\r\n".utf8)
        while let end = pending.indices.dropLast(3).first(where: { Array(pending[$0..<$0 + 4]) == headEnd }) {
            let head = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            requestsOnThisConnection += 1
            counters.requests.add(1, ordering: .relaxed)
            handleRequest(context: context, head: head)
        }
    }

    private func handleRequest(context: ChannelHandlerContext, head: String) {
        switch script {
        case .trickle(let head, let interval):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: head)), promise: nil)
            let channel = context.channel
            let task = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
                channel.writeAndFlush(ByteBuffer(string: "x"), promise: nil)
            }
            channel.closeFuture.whenComplete { _ in task.cancel() }
        case .reply(let bytes):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
        case .closeOnReuse(let reply):
            if requestsOnThisConnection == 1 {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            } else {
                context.close(promise: nil)
            }
        case .closeWithoutAnswer:
            context.close(promise: nil)
        case .hangWhenPathContains(let marker, let reply):
            let requestLine = head.prefix { $0 != "\r" && $0 != "\n" }
            if !requestLine.contains(marker) {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            }
        case .endlessInformational(let limit):
            Self.writeInformational(channel: context.channel, remaining: limit)
        case .slowCloseOnReuseThenSilence(let reply, let delay):
            guard connectionIndex == 0 else { return }
            if requestsOnThisConnection == 1 {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            } else {
                let channel = context.channel
                context.eventLoop.scheduleTask(in: delay) { channel.close(promise: nil) }
            }
        }
    }
}

extension ScriptedHandler {
    fileprivate static func writeInformational(channel: any Channel, remaining: Int) {
        let batch = min(remaining, 256)
        guard batch > 0, channel.isActive else { return }
        let bytes = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: batch)
        channel.writeAndFlush(ByteBuffer(string: bytes)).whenSuccess {
            writeInformational(channel: channel, remaining: remaining - batch)
        }
    }
}

/// A complete agent-like `200` response with a JSON body, for scripts.
func scriptedProtectionReply(enabled: Bool = false) -> String {
    let body = #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":\#(enabled),"TaskArn":"arn:aws:ecs:us-west-2:111122223333:task/demo/0123"}}"#
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
}
