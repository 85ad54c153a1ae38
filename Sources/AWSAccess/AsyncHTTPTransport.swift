import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ProtectionCore

#if canImport(Glibc)
import Glibc
#endif

/// ``AWSHTTPTransport`` on async-http-client.
///
/// The whole request (head and body) is raced against its deadline, because the library's own
/// timeout stops covering a request once the response head has arrived; bodies are capped.
/// Call ``shutdown()`` before releasing it.
public final class AsyncHTTPTransport: AWSHTTPTransport {
    /// Largest response body accepted.
    public let maximumBodyBytes: Int
    private let client: HTTPClient

    /// Creates a transport with its own pool. `caBundlePath` (as `AWS_CA_BUNDLE`) replaces the
    /// system's trust roots for TLS.
    /// - Throws: ``AWSConfigurationError`` when the bundle cannot be read.
    public init(maximumBodyBytes: Int = 8 << 20, caBundlePath: String? = nil) throws(AWSConfigurationError) {
        self.maximumBodyBytes = maximumBodyBytes
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(3)
        if let caBundlePath {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(caBundlePath)
                guard !certificates.isEmpty else { throw AWSConfigurationError("AWS_CA_BUNDLE \(caBundlePath) holds no PEM certificate") }
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.trustRoots = .certificates(certificates)
                configuration.tlsConfiguration = tls
            } catch let error as AWSConfigurationError {
                throw error
            } catch {
                throw AWSConfigurationError("AWS_CA_BUNDLE \(caBundlePath) could not be read as PEM certificates: \(error)")
            }
        }
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// A transport that honours `AWS_CA_BUNDLE` as the AWS CLI does.
    public convenience init(environment: AWSEnvironment, maximumBodyBytes: Int = 8 << 20) throws(AWSConfigurationError) {
        try self.init(maximumBodyBytes: maximumBodyBytes, caBundlePath: environment["AWS_CA_BUNDLE"].map(environment.expand))
    }

    /// Closes pooled connections; the transport must not be used afterwards.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: AWSHTTPRequest) async -> Result<AWSHTTPResponse, TransportFailure> {
        let client = self.client
        let limit = maximumBodyBytes
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, request.timeout) * 1000))
        return await withTaskGroup(of: Result<AWSHTTPResponse, TransportFailure>.self) { group in
            group.addTask {
                do {
                    return .success(try await Self.perform(request, client: client, deadline: deadline, limit: limit))
                } catch {
                    return .failure(TransportFailure(Self.classify(error)))
                }
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return .failure(TransportFailure(.timeout))
            }
            let first = await group.next() ?? .failure(TransportFailure(.timeout))
            group.cancelAll()
            return first
        }
    }

    private static func perform(
        _ request: AWSHTTPRequest, client: HTTPClient, deadline: ContinuousClock.Instant, limit: Int
    ) async throws -> AWSHTTPResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers where name.lowercased() != "host" {
            httpRequest.headers.add(name: name, value: value)
        }
        if let host = request.headers.first(where: { $0.0.lowercased() == "host" }) {
            httpRequest.headers.replaceOrAdd(name: "Host", value: host.1)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            httpRequest.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let remaining = max(.zero, ContinuousClock.now.duration(to: deadline))
        let response = try await client.execute(httpRequest, timeout: .nanoseconds(Int64(remaining / .nanoseconds(1))))
        let body = try await response.body.collect(upTo: limit)
        return AWSHTTPResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                               body: Array(buffer: body))
    }

    /// Maps what async-http-client and NIO throw to a ``TransportProblem``.
    static func classify(_ error: any Error) -> TransportProblem {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .remoteConnectionClosed: return .connectionReset
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout, .cancelled: return .timeout
            case .invalidURL, .emptyHost, .emptyScheme:
                return .other("invalid endpoint URL: \(error)")
            default: return .other("HTTP client: \(error)")
            }
        case is NIOTooManyBytesError:
            return .unexpectedResponse("response body exceeds the size limit")
        case let error as NIOConnectionError:
            if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                return .dnsFailure(String(describing: dnsError))
            }
            if error.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) {
                return .connectionRefused
            }
            return .other(String(describing: error))
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return .connectionRefused
            case ECONNRESET, EPIPE: return .connectionReset
            case ETIMEDOUT: return .timeout
            default: return .other(String(describing: error))
            }
        case let error as ChannelError:
            if case .connectTimeout = error { return .timeout }
            return .connectionReset
        case is SocketAddressError:
            return .dnsFailure(String(describing: error))
        case is CancellationError:
            return .timeout
        case let error as NIOSSLError:
            return .other("TLS: \(error)")
        default:
            return .other(String(describing: error))
        }
    }
}
