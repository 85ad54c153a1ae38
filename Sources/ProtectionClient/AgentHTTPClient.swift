import ProtectionCore
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The real ``ProtectionTransport``: HTTP/1.1 to the ECS agent, through ``HTTPConnectionPool`` on
/// NIO's own HTTP/1.1 pipeline (`https` endpoints over NIOSSL): no task per request, the deadline
/// a loop timer.
///
/// - The whole request, head and body, runs under one deadline, so a trickling body cannot run on.
/// - Bodies are capped at ``Configuration/maximumBodyBytes``.
/// - The agent closes idle keep-alive connections after about 5 s; a request that meets such a
///   closed pooled connection is retried once on a fresh one. Pooled connections are also dropped
///   after 4 s idle so the race is rare in the first place.
/// - Connection establishment is not retried by the pool: "connection refused" is reported at once
///   instead of at the deadline, and the monitor owns retrying with backoff.
/// - At most ``HTTPExchangeHandler/informationalLimit`` informational (1xx) responses are accepted
///   per request: an agent that sends them without end gets a clear error, not a spinning client.
///
/// Call ``shutdown()`` before releasing the client.
public final class AgentHTTPClient: ProtectionTransport {
    /// Limits for every request.
    public struct Configuration: Sendable, Equatable {
        /// Deadline for one whole request. Above the agent's own 4 s ECS call timeout, so that its
        /// 504 RequestCanceled reaches us instead of our own timeout.
        public var requestTimeout: TimeInterval = 6
        /// Largest body accepted; the agent's bodies are a few hundred bytes.
        public var maximumBodyBytes: Int = 1 << 20
        /// Idle keep-alive connections are closed after this, below the agent's 5 s.
        public var idleConnectionTimeout: TimeInterval = 4
        /// Connections open at once to one host:port. Every task of an EC2 instance shares
        /// `169.254.170.2:80`, so this must cover every target that can be in flight, or one
        /// task's hanging agent call makes another's request wait in the pool (see
        /// ``connectionLimit(forTargets:)``).
        public var maximumConnectionsPerHost: Int = Configuration.connectionLimit(forTargets: 1)

        public init(requestTimeout: TimeInterval = 6, maximumBodyBytes: Int = 1 << 20, idleConnectionTimeout: TimeInterval = 4,
                    maximumConnectionsPerHost: Int = Configuration.connectionLimit(forTargets: 1)) {
            self.requestTimeout = requestTimeout
            self.maximumBodyBytes = maximumBodyBytes
            self.idleConnectionTimeout = idleConnectionTimeout
            self.maximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        }

        /// Most connections ever opened to one host:port, whatever the number of targets: it
        /// bounds open file descriptors. Callers with more targets keep at most this many
        /// requests in flight, so none of them waits for a connection while its deadline runs.
        public static let connectionCeiling = 256

        /// One connection per target (at least 8), up to ``connectionCeiling``.
        public static func connectionLimit(forTargets count: Int) -> Int {
            min(max(count, 8), connectionCeiling)
        }
    }

    /// The limits this client applies.
    public let configuration: Configuration
    private let pool: HTTPConnectionPool
    /// One loop thread of its own: every connection, deadline and (through ``preferredExecutor``)
    /// every monitor task runs on it, so a request costs no thread hop. One thread carries
    /// thousands of kept-alive connections at the request rates a budget allows.
    private let loopGroup: MultiThreadedEventLoopGroup
    private let executor: EventLoopTaskExecutor
    private let answers = EndpointAnswerMemo()

    /// Runs tasks on the client's event loop, where its responses arrive.
    public var preferredExecutor: (any TaskExecutor)? { executor }

    /// The wall clock, sleeping on the client's event loop: a monitor that sends through this
    /// client and sleeps on this clock wakes one thread per poll.
    public var loopClock: any MonitorClock { EventLoopMonitorClock(executor.eventLoop) }

    /// Creates a client with its own connection pool on the shared event loop group.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        loopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        executor = EventLoopTaskExecutor(loopGroup.next())
        pool = HTTPConnectionPool(loop: executor.eventLoop, limits: HTTPConnectionPool.Limits(
            connectTimeout: .milliseconds(Int64(min(configuration.requestTimeout, 3) * 1000)),
            idleTimeout: .milliseconds(Int64(configuration.idleConnectionTimeout * 1000)),
            connectionsPerHost: configuration.maximumConnectionsPerHost,
            bodyBytes: configuration.maximumBodyBytes))
    }

    /// Informational (1xx) responses accepted per request before the client gives up on it.
    package static var informationalResponseLimit: Int { HTTPExchangeHandler.informationalLimit }

    /// Informational (1xx) responses accepted so far on plain-HTTP connections.
    package var informationalResponsesAccepted: Int { pool.counts.informationalAccepted.load(ordering: .relaxed) }

    /// Closes pooled connections and stops the client's event-loop thread. The client must not be
    /// used afterwards, and this must not be awaited from a task that prefers the client's own
    /// executor (the loop cannot wait for its own end).
    public func shutdown() async {
        try? await pool.shutdown().get()
        try? await loopGroup.shutdownGracefully()
    }

    /// Sends `request` and returns what came back; never throws.
    public func send(_ request: ProtectionRequest, to endpoint: Endpoint) async -> ProtectionResponse {
        let sentAt = Date()
        let stateURL = endpoint.stateURL
        let attempt = await exchange(request, endpoint: endpoint, stateURL: stateURL)
        let receivedAt = Date()
        switch attempt {
        case .success(let raw):
            return ProtectionResponse(
                result: answers.decode(status: raw.status, body: raw.body, from: stateURL),
                httpStatus: raw.status, serverDate: raw.date.flatMap(HTTPDate.parse),
                sentAt: sentAt, receivedAt: receivedAt)
        case .failure(let problem):
            return ProtectionResponse(result: .transport(problem.transportProblem), httpStatus: nil, serverDate: nil,
                                      sentAt: sentAt, receivedAt: receivedAt)
        }
    }

    private func exchange(_ request: ProtectionRequest, endpoint: Endpoint, stateURL: String) async -> Result<RawResponse, RequestProblem> {
        var headers = HTTPHeaders([("User-Agent", "ecs-protect"), ("Accept", "application/json")])
        var body: ByteBuffer?
        if case .put(let change) = request {
            headers.add(name: "Content-Type", value: "application/json")
            body = ByteBuffer(string: change.jsonBody)
        }
        // One deadline for the whole call, a retry on a closed keep-alive connection included; the
        // retry only in its first half, so that it still has time to be answered.
        let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout * 1_000_000_000))
        let deadline = NIODeadline.now() + timeout
        let answer = pool.execute(
            method: request.method == "PUT" ? .PUT : .GET, secure: endpoint.scheme == "https", host: endpoint.host,
            port: endpoint.port, target: answers.target(of: stateURL), headers: headers, body: body,
            deadline: deadline, retryStaleUntil: deadline - .nanoseconds(timeout.nanoseconds / 2))
        do {
            return .success(try await answer.get())
        } catch {
            return .failure(RequestProblem(error))
        }
    }
}
