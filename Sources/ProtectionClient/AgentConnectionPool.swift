import NIOCore
import NIOHTTP1
import NIOPosix

/// Plain HTTP/1.1 to agent endpoints on NIO's own pipeline: keep-alive connections pooled per
/// host:port, the deadline a timer on the loop, and no task per request — a request is a few
/// callbacks on the one loop thread, from the write to the answer.
///
/// Every task of an instance shares one host:port, so the pool opens at most
/// ``AgentHTTPClient/Configuration/maximumConnectionsPerHost`` connections to it (which bounds
/// open files whatever the number of targets); further requests wait, under their own deadline,
/// for one of them. Idle connections close after ``AgentHTTPClient/Configuration/idleConnectionTimeout``.
///
/// All state is touched on `loop` only, hence `@unchecked Sendable`.
final class AgentConnectionPool: @unchecked Sendable {
    private struct Key: Hashable {
        var host: String
        var port: Int
    }

    /// One request from start to outcome.
    private final class Exchange: @unchecked Sendable {
        let head: HTTPRequestHead
        let body: ByteBuffer?
        let promise: EventLoopPromise<RawResponse>
        var timer: Scheduled<Void>?
        var channel: (any Channel)?
        var done = false

        init(head: HTTPRequestHead, body: ByteBuffer?, promise: EventLoopPromise<RawResponse>) {
            self.head = head
            self.body = body
            self.promise = promise
        }
    }

    private struct IdleConnection {
        var channel: any Channel
        var closer: Scheduled<Void>
    }

    private let loop: any EventLoop
    private let connectTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let connectionLimit: Int
    private let bodyLimit: Int
    private var idle: [Key: [IdleConnection]] = [:]
    private var open: [Key: Int] = [:]
    private var waiting: [Key: [Exchange]] = [:]
    private var shutDown = false
    /// What every connection of the pool has let through.
    let counts = ExchangeCounts()

    init(loop: any EventLoop, configuration: AgentHTTPClient.Configuration) {
        self.loop = loop
        connectTimeout = .milliseconds(Int64(min(configuration.requestTimeout, 3) * 1000))
        idleTimeout = .milliseconds(Int64(configuration.idleConnectionTimeout * 1000))
        connectionLimit = configuration.maximumConnectionsPerHost
        bodyLimit = configuration.maximumBodyBytes
    }

    /// Sends `method` for `path` to `host`:`port`; fails with a ``RequestProblem``.
    func execute(method: HTTPMethod, host: String, port: Int, path: String, headers: HTTPHeaders,
                 body: ByteBuffer?, deadline: NIODeadline) -> EventLoopFuture<RawResponse> {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        head.headers.replaceOrAdd(name: "Host", value: Self.hostHeader(host: host, port: port))
        if let body { head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
        let exchange = Exchange(head: head, body: body, promise: loop.makePromise())
        let key = Key(host: host, port: port)
        if loop.inEventLoop {
            start(exchange, key: key, deadline: deadline)
        } else {
            loop.execute { self.start(exchange, key: key, deadline: deadline) }
        }
        return exchange.promise.futureResult
    }

    /// Closes every pooled connection and fails waiting requests. On any thread.
    func shutdown() -> EventLoopFuture<Void> {
        loop.flatSubmit {
            self.shutDown = true
            for exchange in self.waiting.values.joined() { self.finish(exchange, .failure(RequestProblem(.timeout))) }
            self.waiting = [:]
            let channels = self.idle.values.joined().map(\.channel)
            self.idle = [:]
            return EventLoopFuture.andAllComplete(channels.map { $0.close() }, on: self.loop)
        }
    }

    // MARK: - On the loop

    private func start(_ exchange: Exchange, key: Key, deadline: NIODeadline) {
        guard !shutDown else { return finish(exchange, .failure(RequestProblem(.other("the HTTP client is shut down")))) }
        exchange.timer = loop.scheduleTask(deadline: deadline) { [self] in
            waiting[key]?.removeAll { $0 === exchange }
            finish(exchange, .failure(RequestProblem(.timeout)))
        }
        if let connection = takeIdle(key) {
            run(exchange, on: connection, key: key)
        } else if open[key, default: 0] < connectionLimit {
            connect(for: exchange, key: key)
        } else {
            waiting[key, default: []].append(exchange)
        }
    }

    private func takeIdle(_ key: Key) -> (any Channel)? {
        while let connection = idle[key]?.popLast() {
            connection.closer.cancel()
            if connection.channel.isActive { return connection.channel }
        }
        return nil
    }

    private func connect(for exchange: Exchange, key: Key) {
        open[key, default: 0] += 1
        let bodyLimit = self.bodyLimit
        let counts = self.counts
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        HTTPRequestEncoder(),
                        ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .forward)),
                        AgentExchangeHandler(bodyLimit: bodyLimit, counts: counts),
                    ])
                }
            }
        // An address given as an IP literal (the agent's 169.254.170.2, a loopback simulator)
        // needs no resolver and no Happy Eyeballs race: connect to it directly.
        let connected = if let address = try? SocketAddress(ipAddress: key.host, port: key.port) {
            bootstrap.connect(to: address)
        } else {
            bootstrap.connect(host: key.host, port: key.port)
        }
        connected.whenComplete { [self] result in
            switch result {
            case .success(let channel):
                channel.closeFuture.whenComplete { [self] _ in connectionClosed(channel, key: key) }
                run(exchange, on: channel, key: key)
            case .failure(let error):
                open[key, default: 1] -= 1
                finish(exchange, .failure(RequestProblem(error)))
                serveWaiting(key)
            }
        }
    }

    private func run(_ exchange: Exchange, on channel: any Channel, key: Key) {
        guard !exchange.done, let handler = try? channel.pipeline.syncOperations.handler(type: AgentExchangeHandler.self),
              let context = try? channel.pipeline.syncOperations.context(handlerType: AgentExchangeHandler.self) else {
            // The deadline passed while connecting (the fresh connection can serve someone else),
            // or the connection is already torn down.
            if !exchange.done { finish(exchange, .failure(RequestProblem(.connectionReset))) }
            release(channel, key: key, reusable: channel.isActive)
            return
        }
        exchange.channel = channel
        handler.begin(exchange.head, body: exchange.body, context: context) { [self] outcome in
            switch outcome {
            case .success(let answer):
                finish(exchange, .success(answer.response))
                release(channel, key: key, reusable: answer.keepAlive)
            case .failure(let problem):
                finish(exchange, .failure(problem))
                channel.close(promise: nil)
            }
        }
    }

    /// Hands a connection whose exchange ended to the next waiting request, or keeps it idle.
    private func release(_ channel: any Channel, key: Key, reusable: Bool) {
        guard reusable, channel.isActive, !shutDown else {
            channel.close(promise: nil)
            return
        }
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue
            return run(next, on: channel, key: key)
        }
        let closer = loop.scheduleTask(in: idleTimeout) { channel.close(promise: nil) }
        idle[key, default: []].append(IdleConnection(channel: channel, closer: closer))
    }

    private func connectionClosed(_ channel: any Channel, key: Key) {
        open[key, default: 1] -= 1
        idle[key]?.removeAll { $0.channel === channel }
        serveWaiting(key)
    }

    /// A connection slot came free: open one for the longest-waiting request.
    private func serveWaiting(_ key: Key) {
        guard !shutDown, open[key, default: 0] < connectionLimit, var queue = waiting[key], !queue.isEmpty else { return }
        let next = queue.removeFirst()
        waiting[key] = queue
        connect(for: next, key: key)
    }

    private func finish(_ exchange: Exchange, _ result: Result<RawResponse, RequestProblem>) {
        guard !exchange.done else { return }
        exchange.done = true
        exchange.timer?.cancel()
        if case .failure(let problem) = result, problem.transportProblem == .timeout, let channel = exchange.channel {
            // The deadline passed mid-exchange: whatever arrives later belongs to no one.
            if let handler = try? channel.pipeline.syncOperations.handler(type: AgentExchangeHandler.self) { handler.abandon() }
            channel.close(promise: nil)
        }
        switch result {
        case .success(let response): exchange.promise.succeed(response)
        case .failure(let problem): exchange.promise.fail(problem)
        }
    }

    private static func hostHeader(host: String, port: Int) -> String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
