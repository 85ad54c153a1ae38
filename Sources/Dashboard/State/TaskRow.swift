import FoundationEssentials
import ProtectionCore

/// Everything the dashboard knows about one task (one endpoint, or one task found through the ECS API).
///
/// A value like any other, whose fields live in one shared object until a copy changes them (copy
/// on write): every frame reads each visible row, and a copy of some twenty strings and arrays
/// costs a retain and a release each, where a copy of the row costs one.
public struct TaskRow: Sendable, Equatable {
    private var storage: Storage

    /// The source's id for this task: its position in the endpoint list, or the id the ECS API
    /// source gave it when it found it.
    public var id: TargetID { storage.fields.id }
    /// What the row is called: the endpoint's label or URI, or the service and short task id.
    public var displayName: String { storage.fields.displayName }
    /// Where the task's protection endpoint is; nil for a task reached through the ECS API.
    public var endpoint: Endpoint? { storage.fields.endpoint }
    /// The service the task belongs to, when the source knows it.
    public var service: String? {
        get { storage.fields.service }
        set { writableStorage().fields.service = newValue }
    }
    /// Whether the task stopped (the ECS API no longer lists it): it is not polled any more.
    public var gone: Bool {
        get { storage.fields.gone }
        set { writableStorage().fields.gone = newValue }
    }
    /// Where the task stands in its life (service, revision, statuses, zone, why it stops),
    /// when the source knows (the ECS API).
    public var lifecycle: TaskLifecycle? {
        get { storage.fields.lifecycle }
        set { writableStorage().fields.lifecycle = newValue }
    }
    /// What to do about the latest failure or error, when something useful can be said.
    public var hint: String? {
        get { storage.fields.hint }
        set { writableStorage().fields.hint = newValue }
    }
    /// The last protection the agent reported; kept while later requests fail.
    public var protection: TaskProtection? {
        get { storage.fields.protection }
        set { writableStorage().fields.protection = newValue }
    }
    /// When that protection ends on the local clock, by the one clock rule (``ExpiryEstimate``):
    /// its answer's `ExpirationDate` minus the same answer's `Date`, from the moment it arrived,
    /// capped by the request of ours that set it. Nil when not protected or not knowable.
    public var expiresAt: Date? {
        get { storage.fields.expiresAt }
        set { writableStorage().fields.expiresAt = newValue }
    }
    /// How far the agent's clock is ahead of ECS's (negative: behind), when found to differ.
    public var agentClockAhead: TimeInterval? {
        get { storage.fields.agentClockAhead }
        set { writableStorage().fields.agentClockAhead = newValue }
    }
    /// The `ExpirationDate` a protect of ours set, and the latest it can end by that request
    /// (sent at t for N minutes: t + N); later answers with the same expiry are capped by it.
    public var requestBound: RequestBound? {
        get { storage.fields.requestBound }
        set { writableStorage().fields.requestBound = newValue }
    }
    /// The label lower-cased once, for sorting and filtering.
    public var sortKey: String { storage.fields.sortKey }
    /// The task ARN, from the protection or from a failure or error that named it.
    public var taskArn: String? {
        get { storage.fields.taskArn }
        set {
            let storage = writableStorage()
            storage.fields.taskArn = newValue
            storage.fields.lowercasedArn = newValue?.lowercased()
        }
    }
    /// ``taskArn`` lower-cased once, for filtering.
    public var lowercasedArn: String? { storage.fields.lowercasedArn }
    /// The latest problem of the task's own with a read (a failure such as MISSING, an error the
    /// agent relayed), until a read succeeds. Faults of the source serving the task (unreachable,
    /// rate limited, a failed ECS API call) are the source's (``SourceHealth``), and the outcome of
    /// an action is ``lastAction``.
    public var problem: TaskProblem? {
        get { storage.fields.problem }
        set { writableStorage().fields.problem = newValue }
    }
    /// The outcome of the operator's last action on the task, until the next one or a dismiss.
    public var lastAction: ActionOutcome? {
        get { storage.fields.lastAction }
        set { writableStorage().fields.lastAction = newValue }
    }
    /// When the task's protection ran out while it was watched; it stays LAPSED until it is
    /// protected again or the operator dismisses it.
    public var lapsedAt: Date? {
        get { storage.fields.lapsedAt }
        set { writableStorage().fields.lapsedAt = newValue }
    }
    /// Since when the task's source has given no usable answer for it (``SourceHealth/isSourceFault(_:fromECSAPI:)``),
    /// with what it said; the row shows STALE until the task answers again.
    public var sourceFault: TaskProblem? {
        get { storage.fields.sourceFault }
        set { writableStorage().fields.sourceFault = newValue }
    }
    /// The source that answers for this task: "agent HOST:PORT", "ECS API", or the cluster's
    /// name among several (`us-east-1/web`).
    public var sourceName: String { storage.fields.sourceName }
    /// When the agent last answered (any HTTP response), by the local clock.
    public var lastAnswerAt: Date? {
        get { storage.fields.lastAnswerAt }
        set { writableStorage().fields.lastAnswerAt = newValue }
    }
    /// The HTTP status of the last finished request, nil when nothing came back.
    public var httpStatus: Int? {
        get { storage.fields.httpStatus }
        set { writableStorage().fields.httpStatus = newValue }
    }
    /// The `requestID` the agent relayed with the last error, if any.
    public var requestID: String? {
        get { storage.fields.requestID }
        set { writableStorage().fields.requestID = newValue }
    }
    /// The change a PUT is carrying right now; nil when no PUT is in flight.
    public var pendingChange: ProtectionChange? {
        get { storage.fields.pendingChange }
        set { writableStorage().fields.pendingChange = newValue }
    }
    /// Recent history, newest first, at most ``TaskRow/activityLimit`` lines.
    public var activity: [TaskActivity] { storage.fields.activity }

    /// The stored fields of a row, compared field by field.
    private struct Fields: Sendable, Equatable {
        let id: TargetID
        let displayName: String
        let endpoint: Endpoint?
        var service: String? = nil
        var gone: Bool = false
        var lifecycle: TaskLifecycle? = nil
        var hint: String? = nil
        var protection: TaskProtection? = nil
        var expiresAt: Date? = nil
        var agentClockAhead: TimeInterval? = nil
        var requestBound: RequestBound? = nil
        let sortKey: String
        var taskArn: String? = nil
        var lowercasedArn: String? = nil
        var problem: TaskProblem? = nil
        var lastAction: ActionOutcome? = nil
        var lapsedAt: Date? = nil
        var sourceFault: TaskProblem? = nil
        let sourceName: String
        var lastAnswerAt: Date? = nil
        var httpStatus: Int? = nil
        var requestID: String? = nil
        var pendingChange: ProtectionChange? = nil
        var activity: [TaskActivity] = []
    }

    /// The one object copies of a row share. Changed only through ``writableStorage()``, which
    /// first makes it this row's alone, so no thread ever sees it change: hence `@unchecked`.
    private final class Storage: @unchecked Sendable {
        /// Unchecked: every field read would otherwise call the runtime's exclusivity check (a
        /// tally of 1,000 rows reads eight fields of each, after every answer). Only TaskRow's own
        /// accessors reach this property, one access at a time, so no two accesses can overlap.
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// The storage, first copied when another row shares it.
    private mutating func writableStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    public static func == (lhs: TaskRow, rhs: TaskRow) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// Whether `other` is a copy of this very version of the row: both share one storage, which
    /// neither changed since. Cheaper than `==`, and never true of rows that differ; rows that are
    /// equal but were written separately are not the same version.
    func isSameVersion(as other: TaskRow) -> Bool { storage === other.storage }

    /// The instants the ages on the row's table line count from: the last answer, the problem, the
    /// last action (answered, or sent), the task's start. The line's memo span and the wake-up
    /// plan both go by this one list, so they cannot disagree on which ages a line shows.
    func forEachLineAgeStart(_ body: (Date) -> Void) {
        if let answered = lastAnswerAt { body(answered) }
        if let problem { body(problem.at) }
        if let action = lastAction { body(action.answeredAt ?? action.sentAt) }
        if let started = lifecycle?.startedAt { body(started) }
    }

    /// How many history lines a row keeps.
    public static let activityLimit = 20

    public init(id: TargetID, endpoint: Endpoint) {
        storage = Storage(Fields(id: id, displayName: endpoint.displayName, endpoint: endpoint,
                                 sortKey: endpoint.displayName.lowercased(), sourceName: "agent \(endpoint.host):\(endpoint.port)"))
    }

    /// A row for a task a source found (the ECS API).
    public init(target: SourceTarget) {
        var fields = Fields(id: target.id, displayName: target.label, endpoint: nil, sortKey: target.label.lowercased(),
                            sourceName: target.source ?? Self.ecsAPISourceName)
        fields.taskArn = target.taskArn
        fields.lowercasedArn = target.taskArn?.lowercased()
        fields.service = target.service
        fields.lifecycle = target.lifecycle
        storage = Storage(fields)
    }

    /// The source name of every task found through the ECS API.
    public static let ecsAPISourceName = "ECS API"

    /// Whether a PUT is in flight.
    public var isPending: Bool { pendingChange != nil }

    /// Adds a history line, dropping the oldest beyond the limit.
    public mutating func record(_ entry: TaskActivity) {
        let storage = writableStorage()
        storage.fields.activity.insert(entry, at: 0)
        let excess = storage.fields.activity.count - Self.activityLimit
        if excess > 0 { storage.fields.activity.removeLast(excess) }
    }
}
