import FoundationEssentials
import ProtectionCore

/// Everything the dashboard knows about one task (one endpoint, or one task found through the ECS API).
public struct TaskRow: Sendable, Equatable {
    /// The source's id for this task: its position in the endpoint list, or the id the ECS API
    /// source gave it when it found it.
    public let id: TargetID
    /// What the row is called: the endpoint's label or URI, or the service and short task id.
    public let displayName: String
    /// Where the task's protection endpoint is; nil for a task reached through the ECS API.
    public let endpoint: Endpoint?
    /// The service the task belongs to, when the source knows it.
    public var service: String?
    /// Whether the task stopped (the ECS API no longer lists it): it is not polled any more.
    public var gone = false
    /// Where the task stands in its life (service, revision, statuses, zone, why it stops),
    /// when the source knows (the ECS API).
    public var lifecycle: TaskLifecycle?
    /// What to do about the latest failure or error, when something useful can be said.
    public var hint: String?
    /// The last protection the agent reported; kept while later requests fail.
    public var protection: TaskProtection?
    /// When that protection ends on the local clock, by the one clock rule (``ExpiryEstimate``):
    /// its answer's `ExpirationDate` minus the same answer's `Date`, from the moment it arrived,
    /// capped by the request of ours that set it. Nil when not protected or not knowable.
    public var expiresAt: Date?
    /// How far the agent's clock is ahead of ECS's (negative: behind), when found to differ.
    public var agentClockAhead: TimeInterval?
    /// The `ExpirationDate` a protect of ours set, and the latest it can end by that request
    /// (sent at t for N minutes: t + N); later answers with the same expiry are capped by it.
    public var requestBound: RequestBound?
    /// The label lower-cased once, for sorting and filtering.
    public let sortKey: String
    /// The task ARN, from the protection or from a failure or error that named it.
    public var taskArn: String? { didSet { lowercasedArn = taskArn?.lowercased() } }
    /// ``taskArn`` lower-cased once, for filtering.
    public private(set) var lowercasedArn: String?
    /// The latest problem of the task's own with a read (a failure such as MISSING, an error the
    /// agent relayed), until a read succeeds. Faults of the source serving the task (unreachable,
    /// rate limited, a failed ECS API call) are the source's (``SourceHealth``), and the outcome of
    /// an action is ``lastAction``.
    public var problem: TaskProblem?
    /// The outcome of the operator's last action on the task, until the next one or a dismiss.
    public var lastAction: ActionOutcome?
    /// When the task's protection ran out while it was watched; it stays LAPSED until it is
    /// protected again or the operator dismisses it.
    public var lapsedAt: Date?
    /// Since when the task's source has given no usable answer for it (``SourceHealth/isSourceFault(_:fromECSAPI:)``),
    /// with what it said; the row shows STALE until the task answers again.
    public var sourceFault: TaskProblem?
    /// The source that answers for this task: "agent HOST:PORT", "ECS API", or the cluster's
    /// name among several (`us-east-1/web`).
    public let sourceName: String
    /// When the agent last answered (any HTTP response), by the local clock.
    public var lastAnswerAt: Date?
    /// The HTTP status of the last finished request, nil when nothing came back.
    public var httpStatus: Int?
    /// The `requestID` the agent relayed with the last error, if any.
    public var requestID: String?
    /// The change a PUT is carrying right now; nil when no PUT is in flight.
    public var pendingChange: ProtectionChange?
    /// Recent history, newest first, at most ``TaskRow/activityLimit`` lines.
    public private(set) var activity: [TaskActivity] = []

    /// How many history lines a row keeps.
    public static let activityLimit = 20

    public init(id: TargetID, endpoint: Endpoint) {
        self.id = id
        self.endpoint = endpoint
        displayName = endpoint.displayName
        sortKey = endpoint.displayName.lowercased()
        sourceName = "agent \(endpoint.host):\(endpoint.port)"
    }

    /// A row for a task a source found (the ECS API).
    public init(target: SourceTarget) {
        id = target.id
        endpoint = nil
        displayName = target.label
        sortKey = target.label.lowercased()
        taskArn = target.taskArn
        lowercasedArn = target.taskArn?.lowercased()
        service = target.service
        lifecycle = target.lifecycle
        sourceName = target.source ?? Self.ecsAPISourceName
    }

    /// The source name of every task found through the ECS API.
    public static let ecsAPISourceName = "ECS API"

    /// Whether a PUT is in flight.
    public var isPending: Bool { pendingChange != nil }

    /// Adds a history line, dropping the oldest beyond the limit.
    public mutating func record(_ entry: TaskActivity) {
        activity.insert(entry, at: 0)
        if activity.count > Self.activityLimit { activity.removeLast(activity.count - Self.activityLimit) }
    }
}
