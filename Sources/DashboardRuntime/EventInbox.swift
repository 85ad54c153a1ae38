import Dashboard
import Synchronization
import TerminalUI

/// Where background work (monitor results, simulator feedback) leaves events for the UI loop,
/// which blocks in `nextInput` and so cannot await anything: posting wakes it at once.
public final class EventInbox: Sendable {
    private let pending = Mutex<[DashboardEvent]>([])
    private let waker: any InputWaker

    public init(waker: any InputWaker) { self.waker = waker }

    /// Queues `event`; with `wake` false it waits for whatever wakes the loop next (an event that
    /// changes nothing the next tick would not redraw anyway).
    public func post(_ event: DashboardEvent, wake: Bool = true) {
        let queued = pending.withLock { pending in
            pending.append(event)
            return pending.count
        }
        // Deferred events are bounded: a screen with nothing counting may not wake for an hour.
        if wake || queued >= Self.deferredLimit { waker.wake() }
    }

    /// How many events may wait for the next wake-up before posting wakes the loop anyway.
    public static let deferredLimit = 64

    /// Everything posted since the last call, in order.
    public func drain() -> [DashboardEvent] {
        pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
