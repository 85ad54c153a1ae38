import FoundationEssentials

/// What the scheduler knows about one target.
struct TargetSchedule: Sendable {
    /// A PUT waiting to be sent; `order` ranks it among the PUTs of all targets.
    struct PendingPut: Sendable {
        var change: ProtectionChange
        let order: UInt64
    }

    /// When the next GET is due: the scheduler wakes for it then.
    var nextDue: Date
    /// From when the next GET may leave with others that are due (at most ``nextDue``).
    var opensAt: Date
    init(nextDue: Date) {
        self.nextDue = nextDue
        opensAt = nextDue
    }

    /// The request on the wire, if any. Never more than one.
    var inFlight: ScheduledRequest?
    /// How many results in a row called for backoff.
    var backoffLevel = 0
    /// The one PUT waiting to be sent. A newer intent replaces its change (the latest wins), so a
    /// flood of key presses never builds a backlog: at most one PUT in flight and one queued.
    var queuedPut: PendingPut?

    /// Queues `change`, replacing the change of a PUT already queued but keeping its place
    /// (`order`) among the other targets' PUTs.
    mutating func queue(_ change: ProtectionChange, order: UInt64) {
        if queuedPut != nil {
            queuedPut?.change = change
        } else {
            queuedPut = PendingPut(change: change, order: order)
        }
    }
}
