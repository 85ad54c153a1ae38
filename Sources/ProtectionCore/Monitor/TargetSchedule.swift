import Foundation

/// What the scheduler knows about one target.
struct TargetSchedule: Sendable {
    /// A PUT waiting to be sent; `order` ranks it among the PUTs of all targets.
    struct PendingPut: Sendable {
        let change: ProtectionChange
        let order: UInt64
    }

    /// When the next GET is due.
    var nextDue: Date
    /// The request on the wire, if any. Never more than one.
    var inFlight: ScheduledRequest?
    /// How many results in a row called for backoff.
    var backoffLevel = 0
    /// PUTs not sent yet, oldest first.
    var pendingPuts: [PendingPut] = []

    /// Whether a request may be issued for this target now (a PUT jumps the due time).
    func isReady(at now: Date) -> Bool {
        inFlight == nil && (!pendingPuts.isEmpty || nextDue <= now)
    }
}
