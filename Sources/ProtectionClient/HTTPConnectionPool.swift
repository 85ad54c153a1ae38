import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP/1.1, plain or over TLS, on NIO's own pipeline: keep-alive connections pooled per scheme,
/// host and port, the deadline a timer on the loop, and no task per request — a request is a few
/// callbacks on the one loop thread, from the write to the answer. The agent client and the AWS
/// transport each keep one.
///
/// Every task of an instance shares one agent host:port, so the pool opens at most
/// ``Limits/connectionsPerHost`` connections to one (which bounds open files whatever the number
/// of targets); further requests wait, under their own deadline, for one of them. Idle
/// connections close after ``Limits/idleTimeout``.
///
/// All state is touched on `loop` only, hence `@unchecked Sendable`.
package final class HTTPConnectionPool: @unchecked Sendable {
    /// What bounds the pool's connections and answers.
    package struct Limits: Sendable {
        /// Longest wait for a TCP connection (a TLS handshake runs under the request's deadline).
        package var connectTimeout: TimeAmount
        /// Idle keep-alive connections close after this.
        package var idleTimeout: TimeAmount
        /// Connections open at once to one scheme, host and port.
        package var connectionsPerHost: Int
        /// Largest response body accepted.
        package var bodyBytes: Int

        /// Creates limits.
        package init(connectTimeout: TimeAmount, idleTimeout: TimeAmount, connectionsPerHost: Int, bodyBytes: Int) {
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.connectionsPerHost = max(1, connectionsPerHost)
            self.bodyBytes = bodyBytes
        }
    }

    private struct Key: Hashable {
        var secure: Bool
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
    private let tlsConfiguration: TLSConfiguration
    /// Made at the first `https` connection: loading the system's trust roots costs a few
    /// milliseconds that a plain-http client never needs to pay.
    private var tlsContext: Result<NIOSSLContext, RequestProblem>?
    private var idle: [Key: [IdleConnection]] = [:]
    private var open: [Key: Int] = [:]
    private var waiting: [Key: [Exchange]] = [:]
    private var shutDown = false
    /// What every connection of the pool has let through.
    let counts = ExchangeCounts()

    /// Creates a pool on `loop`; `tlsConfiguration` (certificate and hostname verification on, as
    /// `makeClientConfiguration()` gives) serves every `https` connection.
    package init(loop: any EventLoop, limits: Limits,
                 tlsConfiguration: TLSConfiguration = .makeClientConfiguration()) {
        self.loop = loop
        connectTimeout = limits.connectTimeout
        idleTimeout = limits.idleTimeout
        connectionLimit = limits.connectionsPerHost
        bodyLimit = limits.bodyBytes
        var tlsConfiguration = tlsConfiguration
        // A connection the pool closes is one it is done with (an answer cut short, a deadline
        // passed, idle too long): its slot comes free once the peer answers our close_notify, so
        // a peer that never does must not hold it for NIOSSL's usual 5 s.
        tlsConfiguration.shutdownTimeout = .seconds(1)
        self.tlsConfiguration = tlsConfiguration
    }

    /// Sends `method` for `target` (path and query) to `host`:`port`, over TLS when `secure`; fails
    /// with a ``RequestProblem``. A `Host` field in `headers` is sent as given (a signed request
    /// must keep its own); otherwise one is made from `host` and `port`. The whole exchange ends by
    /// `deadline`. A pooled keep-alive connection the server had already closed, with nothing of an
    /// answer read, is worth one more try on a fresh connection, under the same deadline, when it
    /// fails before `retryStaleUntil` (servers close idle connections on their own schedule).
    package func execute(method: HTTPMethod, secure: Bool, host: String, port: Int, target: String, headers: HTTPHeaders,
                         body: ByteBuffer?, deadline: NIODeadline, retryStaleUntil: NIODeadline) -> EventLoopFuture<RawResponse> {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers)
        if !head.headers.contains(name: "Host") {
            head.headers.add(name: "Host", value: Self.hostHeader(host: host, port: port, defaultPort: secure ? 443 : 80))
        }
        if let body { head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
        let key = Key(secure: secure, host: host, port: port)
        return send(head, body: body, key: key, deadline: deadline).flatMapError { [head] error in
            guard let problem = error as? RequestProblem, problem.isStaleConnection, NIODeadline.now() < retryStaleUntil else {
                return self.loop.makeFailedFuture(error)
            }
            return self.send(head, body: body, key: key, deadline: deadline)
        }
    }

    private func send(_ head: HTTPRequestHead, body: ByteBuffer?, key: Key, deadline: NIODeadline) -> EventLoopFuture<RawResponse> {
        let exchange = Exchange(head: head, body: body, promise: loop.makePromise())
        if loop.inEventLoop {
            start(exchange, key: key, deadline: deadline)
        } else {
            loop.execute { self.start(exchange, key: key, deadline: deadline) }
        }
        return exchange.promise.futureResult
    }

    /// Closes every pooled connection and fails waiting requests. On any thread.
    package func shutdown() -> EventLoopFuture<Void> {
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
        // An address given as an IP literal (the agent's 169.254.170.2, a loopback simulator)
        // needs no resolver and no Happy Eyeballs race: connect to it directly.
        let address = try? SocketAddress(ipAddress: key.host, port: key.port)
        var tlsContext: NIOSSLContext?
        if key.secure {
            switch sslContext() {
            case .success(let context): tlsContext = context
            case .failure(let problem):
                finish(exchange, .failure(problem))
                return serveWaiting(key)
            }
        }
        // SNI carries names only; for an IP literal NIOSSL checks the certificate's IP addresses
        // against the peer's instead.
        let serverName = address == nil ? key.host : nil
        open[key, default: 0] += 1
        let bodyLimit = self.bodyLimit
        let counts = self.counts
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [tlsContext] channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    if let tlsContext { try handlers.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverName)) }
                    try handlers.addHandlers([
                        HTTPRequestEncoder(),
                        ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .forward)),
                        HTTPExchangeHandler(bodyLimit: bodyLimit, counts: counts),
                    ])
                }
            }
        let connected = if let address {
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
        guard !exchange.done, let handler = try? channel.pipeline.syncOperations.handler(type: HTTPExchangeHandler.self),
              let context = try? channel.pipeline.syncOperations.context(handlerType: HTTPExchangeHandler.self) else {
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
            if let handler = try? channel.pipeline.syncOperations.handler(type: HTTPExchangeHandler.self) { handler.abandon() }
            channel.close(promise: nil)
        }
        switch result {
        case .success(let response): exchange.promise.succeed(response)
        case .failure(let problem): exchange.promise.fail(problem)
        }
    }

    private func sslContext() -> Result<NIOSSLContext, RequestProblem> {
        if let tlsContext { return tlsContext }
        let made: Result<NIOSSLContext, RequestProblem>
        do {
            made = .success(try NIOSSLContext(configuration: tlsConfiguration))
        } catch {
            made = .failure(RequestProblem(error))
        }
        tlsContext = made
        return made
    }

    private static func hostHeader(host: String, port: Int, defaultPort: Int) -> String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? name : "\(name):\(port)"
    }
}
