import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A tiny HTTPS/1.1 server on 127.0.0.1 with a free port, answering from a closure, recording every
/// request and counting the TCP connections it accepted. It stands in for an AWS endpoint behind TLS,
/// with a certificate from a test authority that only a CA bundle can make trusted.
///
/// It runs on an event loop of its own, so ``shutdown()`` also closes connections that are still open
/// (a request held unanswered, a client that never hung up).
final class TLSLoopbackServer: Sendable {
    typealias Request = LoopbackServer.Request

    /// One answer; its `Content-Length` is added.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []

        init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        init(status: Int, headers: [(String, String)] = [], body: String) {
            self.init(status: status, headers: headers, body: Array(body.utf8))
        }
    }

    /// A server certificate and its private key, PEM.
    struct Identity: Sendable {
        var certificate: String
        var privateKey: String
    }

    /// Answers a request; `nil` holds it unanswered, on an open connection, until the client gives up.
    typealias Handler = @Sendable (Request) -> Reply?

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let log: ConnectionLog
    let port: Int

    /// `https://localhost:<port>`: the name the `localhost` identity is valid for.
    var url: String { "https://localhost:\(port)" }
    var requests: [Request] { log.requests.withLock { $0 } }
    /// TCP connections accepted so far, whether or not their TLS handshake succeeded.
    var acceptedConnections: Int { log.accepted.withLock { $0 } }

    init(identity: Identity = .localhost, _ handler: @escaping Handler) async throws {
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(identity.certificate.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKey.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: tls)
        let log = ConnectionLog()
        self.log = log
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    log.accepted.withLock { $0 += 1 }
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                        // Pipelining assistance stops reading while a response is pending, so a held
                        // request would also leave the client's close_notify unread.
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                        try channel.pipeline.syncOperations.addHandler(ConnectionHandler(handler: handler, log: log))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        port = channel.localAddress?.port ?? 0
    }

    /// Stops listening, closes every connection and stops the event loop thread.
    func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    private final class ConnectionLog: Sendable {
        let requests = Mutex<[Request]>([])
        let accepted = Mutex(0)
    }

    private final class ConnectionHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handler: Handler
        let log: ConnectionLog
        var assembler = RequestAssembler()

        init(handler: @escaping Handler, log: ConnectionLog) {
            self.handler = handler
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard let request = assembler.take(unwrapInboundIn(data)) else { return }
            log.requests.withLock { $0.append(request) }
            guard let reply = handler(request) else { return }
            var headers = HTTPHeaders(reply.headers)
            headers.add(name: "Content-Length", value: String(reply.body.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(
                version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        /// A client that refuses the certificate ends the handshake with an alert; the connection
        /// is of no further use.
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

extension TLSLoopbackServer {
    /// The test certificate authority (EC P-256, valid from 2020 until 2126) that signed both identities; the
    /// file a test points `AWS_CA_BUNDLE` at. No system trust store holds it.
    static let certificateAuthority = """
    -----BEGIN CERTIFICATE-----
    MIIBqzCCAVGgAwIBAgIUOInSWBNOgc0yAoG4i0P3wu56HXYwCgYIKoZIzj0EAwIw
    IjEgMB4GA1UEAwwXZWNzLXByb3RlY3QgVExTIHRlc3QgQ0EwIBcNMjAwMTAxMDAw
    MDAwWhgPMjEyNjAxMDEwMDAwMDBaMCIxIDAeBgNVBAMMF2Vjcy1wcm90ZWN0IFRM
    UyB0ZXN0IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3T5OheMFVt5GTekH
    E5NlpOn0Z1vwJyH+ySkDsnwUe92aLGAcKgCcf9TH1c/7WUAYld3ZQoQ531pP/wQ9
    RyZHVqNjMGEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O
    BBYEFP1D+zt+KESIfNnBPW3K96kCB0QxMB8GA1UdIwQYMBaAFP1D+zt+KESIfNnB
    PW3K96kCB0QxMAoGCCqGSM49BAMCA0gAMEUCIBUXG8l0IcfCLan9EY6GCzG1rnse
    sVspQbtT0fkMSa2HAiEA38zB4vKhXZZ4RKCXVPQGizlkjJpVlk9RKWmSgnaTw1Y=
    -----END CERTIFICATE-----
    """
}

extension TLSLoopbackServer.Identity {
    /// Valid for `localhost` and `127.0.0.1`, signed by ``TLSLoopbackServer/certificateAuthority``.
    static let localhost = Self(certificate: """
    -----BEGIN CERTIFICATE-----
    MIIBzDCCAXOgAwIBAgIUSES+rt6FUtgO2rayvrBg0U7i+/0wCgYIKoZIzj0EAwIw
    IjEgMB4GA1UEAwwXZWNzLXByb3RlY3QgVExTIHRlc3QgQ0EwIBcNMjAwMTAxMDAw
    MDAwWhgPMjEyNjAxMDEwMDAwMDBaMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDBZMBMG
    ByqGSM49AgEGCCqGSM49AwEHA0IABKLwcGIC64e6ip7dCmSsMoVaMWhG5aycMKRr
    VgbdOMODD4ZJ8vXpsvk4mpunUSvSAgpfVrhZol622sU1AEF2NiqjgZIwgY8wDAYD
    VR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCB4AwEwYDVR0lBAwwCgYIKwYBBQUHAwEw
    GgYDVR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMB0GA1UdDgQWBBRfpdAi82bNPwtN
    Fw3pZpLEjbpGHjAfBgNVHSMEGDAWgBT9Q/s7fihEiHzZwT1tyvepAgdEMTAKBggq
    hkjOPQQDAgNHADBEAiBsyoyhDSHZbLC+qd8KoxrDiAEwmCfh/ge0Or3yGdjAMAIg
    Dc7+OxSAsWNunTrAMcyA7KWMVSsoUk77dUuryOAE8hE=
    -----END CERTIFICATE-----
    """, privateKey: """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgk5UBX5+1QiQOo/wZ
    ZCb6zdH9ZbRTkCVFsYpRmsjhV0uhRANCAASi8HBiAuuHuoqe3QpkrDKFWjFoRuWs
    nDCka1YG3TjDgw+GSfL16bL5OJqbp1Er0gIKX1a4WaJettrFNQBBdjYq
    -----END PRIVATE KEY-----
    """)

    /// Valid only for `other.example`, signed by the same authority: trusted, but not for `localhost`.
    static let otherExample = Self(certificate: """
    -----BEGIN CERTIFICATE-----
    MIIB0DCCAXWgAwIBAgIUFPSyWIs7+zPLqh+/E/9tWxIEb1swCgYIKoZIzj0EAwIw
    IjEgMB4GA1UEAwwXZWNzLXByb3RlY3QgVExTIHRlc3QgQ0EwIBcNMjAwMTAxMDAw
    MDAwWhgPMjEyNjAxMDEwMDAwMDBaMBgxFjAUBgNVBAMMDW90aGVyLmV4YW1wbGUw
    WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT5QMImX/Gu/9KA6dqx4UxxYpnZAsVL
    AKVTe+t7fUAyoPMByag8G+vHfQ+cFXRFMyNRDphO/QWeAHLx2skouQrwo4GQMIGN
    MAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUF
    BwMBMBgGA1UdEQQRMA+CDW90aGVyLmV4YW1wbGUwHQYDVR0OBBYEFGUfZdREA0pJ
    oGKjZoQZbnfWFSSLMB8GA1UdIwQYMBaAFP1D+zt+KESIfNnBPW3K96kCB0QxMAoG
    CCqGSM49BAMCA0kAMEYCIQDAAKKYvwkGnQeKCc1McH9p8ShnFIK3lTE5TSVcUfos
    sAIhANMV0V9+wqQghfMEORBH9lqxdBTyWcXS/9wU7uCWxG+q
    -----END CERTIFICATE-----
    """, privateKey: """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguvPS/fyGhuPhFX/w
    /pLffCBH616S1gRsYOLbbbm76WShRANCAAT5QMImX/Gu/9KA6dqx4UxxYpnZAsVL
    AKVTe+t7fUAyoPMByag8G+vHfQ+cFXRFMyNRDphO/QWeAHLx2skouQrw
    -----END PRIVATE KEY-----
    """)
}
