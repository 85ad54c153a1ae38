import FoundationEssentials

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
    /// Extra latency of a call that changes protection (a PUT, `UpdateTaskProtection`), on top of
    /// `ecsLatency`: the demo slows writes only, so PENDING shows while reads answer at once.
    public var updateLatency: Duration
    /// Extra latency added by the `slow` fault.
    public var slowLatency: Duration
    /// An idle keep-alive connection is closed by the server after this long (the agent's read timeout).
    public var idleTimeout: Duration
    /// The agent's rate limiter: steady requests per second and burst, per client IP and URL path.
    public var rateLimit: RateLimit
    /// Faults active from the start, by task index.
    public var initialFaults: [Int: FaultKind]
    /// How far the agent host's clock, which its `Date` headers carry, is ahead of ECS's (negative:
    /// behind). `ExpirationDate` still comes from ECS: a container instance with a wrong clock.
    public var agentHostClockOffset: TimeInterval = 0
    /// Port of the control listener: 0 picks a free one, `nil` starts none.
    public var controlPort: Int?
    /// Port of the ECS API look-alike: 0 picks a free one, `nil` starts none.
    public var ecsAPIPort: Int? = 0
    /// The service of each task by index (its `group` is `service:NAME`). Tasks not listed belong
    /// to `defaultService`; with `defaultService` nil they are standalone tasks, which ECS refuses
    /// to protect (`TASK_NOT_VALID`).
    public var taskServices: [Int: String] = [:]
    /// The service of tasks not in `taskServices`.
    public var defaultService: String? = "app"
    /// Desired count per service; a service not listed wants as many tasks as it has. Protecting
    /// more tasks than this fails with `DEPLOYMENT_BLOCKED`.
    public var serviceDesiredCounts: [String: Int] = [:]
    /// How long a task the service scheduler (or a stop) stops stays STOPPING, draining, before
    /// its last status turns STOPPED, in seconds of the simulator's clock.
    public var stoppingSeconds: TimeInterval = 30
    /// Keys the ECS API accepts (SigV4), each in its account.
    public var apiCredentials: [APICredential] = [.simulatorDefault]
    /// The bearer token every control route call must send (`Authorization: Bearer <token>`),
    /// random per configuration, so another user of the machine cannot inject faults or take the
    /// agent down; nil leaves the control route open (tests only).
    public var controlToken: String? = SimulatorSecret.make(length: 32)
    /// ECS API calls per account: steady per second and burst (ECS answers `ThrottlingException`).
    public var apiRateLimit = RateLimit(perSecond: 20, burst: 50)
    /// ECS actions the ECS API refuses with `AccessDeniedException`, as for a caller whose IAM
    /// policy lacks them (`UpdateTaskProtection`, `ListServices`, …).
    public var deniedActions: Set<String> = []
    /// IAM Identity Center access tokens the portal look-alike accepts (see `IdentityResponder`).
    public var ssoAccessTokens: Set<String> = []
    /// SSO OIDC refresh tokens `CreateToken` accepts.
    public var ssoRefreshTokens: Set<String> = []
    /// How long role credentials from the portal and STS look-alikes last, in seconds.
    public var identityCredentialLifetime: TimeInterval = 3600

    /// A test access key the ECS API accepts.
    public struct APICredential: Sendable, Equatable {
        /// The access key id.
        public var accessKeyID: String
        /// The secret access key.
        public var secretAccessKey: String
        /// The session token the key requires, if any.
        public var sessionToken: String?
        /// The account the key belongs to (throttling is per account).
        public var account: String
        /// When a temporary key stops working (`ExpiredTokenException` from then on); nil: never.
        public var expiresAt: Date? = nil

        /// Creates a key.
        public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, account: String = "111122223333") {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
            self.account = account
        }

        /// The key the simulator's ECS API accepts unless told otherwise, made at random once per
        /// process (`ecs-protect simulate` prints it in its export lines): another user of the
        /// machine cannot sign calls with it, as they could with a fixed, published test key. It
        /// opens nothing but this simulator.
        public static let simulatorDefault = APICredential(
            accessKeyID: "AKIA" + SimulatorSecret.make(length: 16, alphabet: SimulatorSecret.upperAlphanumerics),
            secretAccessKey: SimulatorSecret.make(length: 40))
    }

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
        updateLatency: Duration = .zero,
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
        self.updateLatency = updateLatency
        self.slowLatency = slowLatency
        self.idleTimeout = idleTimeout
        self.rateLimit = rateLimit
        self.initialFaults = initialFaults
        self.controlPort = controlPort
    }
}

/// Random secrets for the simulator's control token and ECS API key, from the system's
/// cryptographic generator (`getrandom` on Linux).
public enum SimulatorSecret {
    /// Letters and digits: safe in a header, a shell's single quotes and a SigV4 key.
    public static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// Upper-case letters and digits, as AWS access key ids are.
    public static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `length` characters drawn uniformly from `alphabet`.
    public static func make(length: Int, alphabet: [Character] = alphanumerics) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    public static func equal(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<min(a.count, b.count) { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
