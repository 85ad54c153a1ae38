import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ProtectionClient
import ProtectionCore

/// ``AWSHTTPTransport`` on the HTTP/1.1 connection pool the agent client uses, over TLS from
/// swift-nio-ssl (certificate and hostname verification on).
///
/// The whole request, head and body, runs under its deadline; bodies are capped. A request that
/// meets a pooled keep-alive connection the server had already closed (nothing of an answer
/// read) is sent once more on a fresh one. Call ``shutdown()`` before releasing it.
public final class PooledHTTPTransport: AWSHTTPTransport {
    /// Largest response body accepted.
    public let maximumBodyBytes: Int
    private let pool: HTTPConnectionPool

    /// Creates a transport with its own pool. `caBundlePath` (as `AWS_CA_BUNDLE`) replaces the
    /// system's trust roots for TLS.
    /// - Throws: ``AWSConfigurationError`` when the bundle cannot be read.
    public init(maximumBodyBytes: Int = 8 << 20, caBundlePath: String? = nil) throws(AWSConfigurationError) {
        self.maximumBodyBytes = maximumBodyBytes
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caBundlePath {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(caBundlePath)
                guard !certificates.isEmpty else { throw AWSConfigurationError("AWS_CA_BUNDLE \(caBundlePath) holds no PEM certificate") }
                tls.trustRoots = .certificates(certificates)
            } catch let error as AWSConfigurationError {
                throw error
            } catch {
                throw AWSConfigurationError("AWS_CA_BUNDLE \(caBundlePath) could not be read as PEM certificates: \(error)")
            }
        }
        // AWS calls are few and short: NIO's shared loop carries them, and a handful of kept-alive
        // connections per endpoint covers a fleet's concurrent calls.
        pool = HTTPConnectionPool(
            loop: MultiThreadedEventLoopGroup.singleton.next(),
            limits: HTTPConnectionPool.Limits(connectTimeout: .seconds(3), idleTimeout: .seconds(20),
                                              connectionsPerHost: 16, bodyBytes: maximumBodyBytes),
            tlsConfiguration: tls)
    }

    /// A transport that honours `AWS_CA_BUNDLE` as the AWS CLI does.
    public convenience init(environment: AWSEnvironment, maximumBodyBytes: Int = 8 << 20) throws(AWSConfigurationError) {
        try self.init(maximumBodyBytes: maximumBodyBytes, caBundlePath: environment["AWS_CA_BUNDLE"].map(environment.expand))
    }

    /// Closes pooled connections; the transport must not be used afterwards.
    public func shutdown() async {
        try? await pool.shutdown().get()
    }

    public func send(_ request: AWSHTTPRequest) async -> Result<AWSHTTPResponse, TransportFailure> {
        let endpoint: Endpoint
        do {
            endpoint = try EndpointParser.parse(request.url)
        } catch {
            return .failure(TransportFailure(.other("invalid endpoint URL: \(error)")))
        }
        guard endpoint.label == nil else { return .failure(TransportFailure(.other("invalid endpoint URL: \(request.url)"))) }
        var headers = HTTPHeaders()
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        let body = request.body.isEmpty && request.method != "POST" && request.method != "PUT" ? nil : ByteBuffer(bytes: request.body)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(max(0, request.timeout) * 1_000_000_000))
        let answer = pool.execute(method: HTTPMethod(rawValue: request.method), secure: endpoint.scheme == "https",
                                  host: endpoint.host, port: endpoint.port, target: HTTPRequestTarget.of(request.url),
                                  headers: headers, body: body, deadline: deadline, retryStaleUntil: deadline)
        do {
            let raw = try await answer.get()
            return .success(AWSHTTPResponse(status: raw.status, headers: raw.headers.map { ($0.name, $0.value) }, body: raw.body))
        } catch {
            return .failure(TransportFailure(RequestProblem(error).transportProblem))
        }
    }
}
