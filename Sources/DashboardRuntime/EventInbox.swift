import Dashboard
import FoundationEssentials
import Synchronization
import TerminalUI

/// Where background work (monitor results, simulator feedback) leaves events for the UI loop,
/// which blocks in `nextInput` and so cannot await anything: posting wakes it at once.
///
/// Every post is stamped, and every drain says when it took the events, both read from the
/// session's clock under the one lock: whatever a drain took was posted at or before its
/// instant, and whatever it left was posted after. A tick at the drain's instant therefore shows
/// exactly what had been taken in by then, which is what a drill's record notes of each answer
/// (``MonitorTimelineRecorder``'s `taken`) and what a replay goes by.
public final class EventInbox: Sendable {
    private let pending = Mutex<[DashboardEvent]>([])
    private let waker: any InputWaker
    private let clock: any SessionClock

    public init(waker: any InputWaker, clock: any SessionClock = WallClock()) {
        self.waker = waker
        self.clock = clock
    }

    /// Queues `event` and returns when it was taken in; with `wake` false it waits for whatever
    /// wakes the loop next (an event that changes nothing the next tick would not redraw anyway).
    @discardableResult
    public func post(_ event: DashboardEvent, wake: Bool = true) -> Date {
        let (queued, stamp) = pending.withLock { pending in
            pending.append(event)
            return (pending.count, clock.now())
        }
        // Deferred events are bounded: a screen with nothing counting may not wake for an hour.
        if wake || queued >= Self.deferredLimit { waker.wake() }
        return stamp
    }

    /// How many events may wait for the next wake-up before posting wakes the loop anyway.
    public static let deferredLimit = 64

    /// Everything posted since the last call, in order, and the instant it was taken: every
    /// event posted later has a later stamp.
    public func drain() -> (events: [DashboardEvent], at: Date) {
        pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return (events, clock.now())
        }
    }
}
