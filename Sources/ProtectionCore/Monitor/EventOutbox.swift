/// Events a monitor has produced but not handed to its consumer yet.
///
/// It lives inside the monitor's own locked state, so events are appended in the same critical
/// section as the scheduler change that produced them and keep that order. Delivery happens
/// outside the lock (the consumer may call back into the monitor), one task at a time:
/// ``drain(claim:take:to:)`` runs the loop, with `claim` and `take` running under the lock.
public struct EventOutbox<Event: Sendable>: Sendable {
    private var pending: [Event] = []
    private var delivering = false

    /// An empty outbox.
    public init() {}

    /// Queues one event.
    public mutating func append(_ event: Event) { pending.append(event) }

    /// Queues events in order.
    public mutating func append(contentsOf events: some Sequence<Event>) { pending.append(contentsOf: events) }

    /// Drops every queued event (the monitor stopped: nothing may follow).
    public mutating func removeAll() { pending = [] }

    /// Makes the caller the deliverer when events wait and nobody else is delivering.
    public mutating func claimDelivery() -> Bool {
        guard !delivering, !pending.isEmpty else { return false }
        delivering = true
        return true
    }

    /// The next batch for the deliverer (empty when `discarding`); an empty batch ends its turn.
    public mutating func nextBatch(discarding: Bool) -> [Event] {
        let batch = discarding ? [] : pending
        pending = []
        if batch.isEmpty { delivering = false }
        return batch
    }

    /// Hands events to `handler` outside the lock until none is left, when `claim` (run under the
    /// owner's lock) made this caller the deliverer; otherwise returns at once and leaves the new
    /// events to the task already delivering.
    public static func drain(claim: () -> Bool, take: () -> [Event], to handler: (Event) -> Void) {
        guard claim() else { return }
        while true {
            let batch = take()
            if batch.isEmpty { return }
            for event in batch { handler(event) }
        }
    }
}
