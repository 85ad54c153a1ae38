import FoundationEssentials
import Synchronization

/// One task's mutable state.
struct TaskRecord: Sendable {
    let endpointID: String
    let taskArn: String
    var fault: FaultKind?
    /// The service the task belongs to; `nil` for a standalone task.
    var service: String? = nil
    /// When the task started (milliseconds since 1970).
    var startedAtMillis: Int64 = 0
    var protectionEnabled = false
    /// Whether the task's desired status is STOPPED: the ECS API no longer lists it and answers
    /// `MISSING` for its protection; it describes it as STOPPING until ``stoppedAtMillis``.
    var stopped = false
    /// The task definition revision the task runs (its family is the service's name).
    var revision = 1
    /// The deployment that started the task (`startedBy`, `ecs-svc/…`), when a service did.
    var startedBy: String? = nil
    /// Why the task is stopping or stopped, in ECS's words, and ECS's code for it.
    var stoppedReason: String? = nil
    var stopCode: String? = nil
    /// When a stopping task's last status turns STOPPED (milliseconds since 1970).
    var stoppedAtMillis: Int64? = nil
    /// Milliseconds since 1970 (ECS keeps millisecond precision); `nil` for no expiry.
    var expiresAtMillis: Int64?

    /// Marks the task to stop: its desired status turns STOPPED now, its last status after
    /// `drainMillis` of STOPPING.
    mutating func stop(reason: String, code: String, nowMillis: Int64, drainMillis: Int64) {
        guard !stopped else { return }
        stopped = true
        stoppedReason = reason
        stopCode = code
        stoppedAtMillis = nowMillis + drainMillis
    }

    /// ECS's last status of the task at `nowMillis`.
    func lastStatus(nowMillis: Int64) -> String {
        guard stopped else { return "RUNNING" }
        return nowMillis < (stoppedAtMillis ?? 0) ? "STOPPING" : "STOPPED"
    }

    /// Protection as it reads at `nowMillis`: an expired protection is off with no date.
    func effectiveProtection(nowMillis: Int64) -> (enabled: Bool, expiresAtMillis: Int64?) {
        guard protectionEnabled else { return (false, nil) }
        if let expiry = expiresAtMillis, expiry <= nowMillis { return (false, nil) }
        return (true, expiresAtMillis)
    }
}

/// The simulated tasks, shared by the listeners and the public API.
final class TaskStore: Sendable {
    private let records: Mutex<[TaskRecord]>

    init(records: [TaskRecord]) {
        self.records = Mutex(records)
    }

    var count: Int { records.withLock { $0.count } }

    var all: [TaskRecord] { records.withLock { $0 } }

    func record(endpointID: String) -> (index: Int, record: TaskRecord)? {
        records.withLock { records in
            records.firstIndex { $0.endpointID == endpointID }.map { ($0, records[$0]) }
        }
    }

    func record(at index: Int) -> TaskRecord? {
        records.withLock { $0.indices.contains(index) ? $0[index] : nil }
    }

    /// Changes one task; `false` when the index does not exist.
    @discardableResult
    func update(at index: Int, _ change: (inout TaskRecord) -> Void) -> Bool {
        records.withLock { records in
            guard records.indices.contains(index) else { return false }
            change(&records[index])
            return true
        }
    }

    /// Adds a task at the end; returns its index.
    func append(_ record: TaskRecord) -> Int {
        records.withLock { records in
            records.append(record)
            return records.count - 1
        }
    }

    /// Reads or changes several tasks at once, atomically (a batch of the ECS API).
    func withRecords<Result>(_ body: (inout [TaskRecord]) -> Result) -> Result {
        records.withLock { body(&$0) }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
