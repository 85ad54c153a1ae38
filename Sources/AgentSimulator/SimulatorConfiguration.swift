/// Everything that shapes a simulator run: where it listens, which tasks it serves,
/// how slow ECS seems and which faults start active.
public struct SimulatorConfiguration: Sendable {
    /// Host to listen on (`127.0.0.1`, `::1`, …).
    public var host: String
    /// Port for the agent endpoint; 0 picks a free one. Kept across agent down/up.
    public var port: Int
    /// Number of tasks served, each with its own endpoint id.
    public var taskCount: Int
    /// Region used in task ARNs.
    public var region: String
    /// Account id used in task ARNs.
    public var account: String
    /// Cluster name used in task ARNs.
    public var cluster: String
    /// How long the agent waits on ECS before answering 504 RequestCanceled (`ecs-timeout` fault).
    public var ecsCallTimeout: Duration
    /// Delay range of a relayed ECS error that the agent's SDK retried (`throttled`, `server-error`).
    public var relayDelay: ClosedRange<Duration>
    /// Latency of one ordinary ECS call (success, failures, non-retried errors).
    public var ecsLatency: Duration
    /// Extra latency added by the `slow` fault.
    public var slowLatency: Duration
    /// An idle keep-alive connection is closed by the server after this long (the agent's read timeout).
    public var idleTimeout: Duration
    /// The agent's rate limiter: steady requests per second and burst, per client IP and URL path.
    public var rateLimit: RateLimit
    /// Faults active from the start, by task index.
    public var initialFaults: [Int: FaultKind]
    /// Port of the control listener: 0 picks a free one, `nil` starts none.
    public var controlPort: Int?

    /// A token-bucket limit.
    public struct RateLimit: Sendable, Equatable {
        /// Tokens added per second.
        public var perSecond: Double
        /// Bucket size (and the initial number of tokens).
        public var burst: Int

        /// Creates a limit; the agent's is 40 per second, burst 60.
        public init(perSecond: Double = 40, burst: Int = 60) {
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    /// Creates a configuration; the defaults match a real agent and a realistic ECS.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        taskCount: Int = 3,
        region: String = "us-west-2",
        account: String = "111122223333",
        cluster: String = "demo",
        ecsCallTimeout: Duration = .seconds(4),
        relayDelay: ClosedRange<Duration> = .milliseconds(500) ... .milliseconds(1500),
        ecsLatency: Duration = .milliseconds(40),
        slowLatency: Duration = .milliseconds(1500),
        idleTimeout: Duration = .seconds(5),
        rateLimit: RateLimit = RateLimit(),
        initialFaults: [Int: FaultKind] = [:],
        controlPort: Int? = 0
    ) {
        self.host = host
        self.port = port
        self.taskCount = taskCount
        self.region = region
        self.account = account
        self.cluster = cluster
        self.ecsCallTimeout = ecsCallTimeout
        self.relayDelay = relayDelay
        self.ecsLatency = ecsLatency
        self.slowLatency = slowLatency
        self.idleTimeout = idleTimeout
        self.rateLimit = rateLimit
        self.initialFaults = initialFaults
        self.controlPort = controlPort
    }
}
