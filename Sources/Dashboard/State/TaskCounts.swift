import FoundationEssentials

/// The header's tally. The five buckets partition the tasks (each task is in exactly one, so they
/// sum to the total); the sub-counts overlap them and are said in their own words.
public struct TaskCounts: Sendable, Equatable {
    /// Protected by the last answer, expiring soon included (a PUT in flight does not move a task).
    public var protected = 0
    /// Not protected, and not because protection ran out while watched: eligible for scale-in.
    public var unprotected = 0
    /// Protection ran out while watched (or its expiry passed and it has not been read since).
    public var lapsed = 0
    /// Never answered.
    public var unknown = 0
    /// Stopped, about to leave the list.
    public var gone = 0

    /// Protected with less than the alert window left.
    public var lapsingSoon = 0
    /// Whose last answer is old, or whose source is failing.
    public var stale = 0
    /// Whose operator's last action failed.
    public var failedAction = 0
    /// With a read problem of their own.
    public var readProblems = 0

    /// Per source, the tasks it gave no usable answer for: how many, since when, and what it said.
    public var sourceFaults: [String: (count: Int, first: TaskProblem)] = [:]

    public init() {}

    public static func == (lhs: TaskCounts, rhs: TaskCounts) -> Bool {
        (lhs.protected, lhs.unprotected, lhs.lapsed, lhs.unknown, lhs.gone) == (rhs.protected, rhs.unprotected, rhs.lapsed, rhs.unknown, rhs.gone)
            && (lhs.lapsingSoon, lhs.stale, lhs.failedAction, lhs.readProblems) == (rhs.lapsingSoon, rhs.stale, rhs.failedAction, rhs.readProblems)
            // The same sources with the same counts, without building a dictionary of each:
            // the header compares its counts at every frame.
            && lhs.sourceFaults.count == rhs.sourceFaults.count
            && lhs.sourceFaults.allSatisfy { source, fault in rhs.sourceFaults[source]?.count == fault.count }
    }

    /// Counts a task whose source gave no usable answer for it.
    mutating func noteSourceFault(_ source: String, _ fault: TaskProblem) {
        if let known = sourceFaults[source] {
            sourceFaults[source] = (known.count + 1, known.first.at <= fault.at ? known.first : fault)
        } else {
            sourceFaults[source] = (1, fault)
        }
    }

    /// The sum of the buckets: always the number of tasks.
    public var total: Int { protected + unprotected + lapsed + unknown + gone }

    /// Adds one task to the bucket of `state` (a row's ``DashboardState/bucket(of:)``).
    public mutating func add(_ state: TaskDisplayState) {
        switch state {
        case .protected, .expiringSoon: protected += 1
        case .unprotected: unprotected += 1
        case .lapsed: lapsed += 1
        case .unknown: unknown += 1
        case .gone: gone += 1
        // A PUT in flight is never a bucket: the caller counts the state the last answer set.
        case .pending: unknown += 1
        }
    }
}
