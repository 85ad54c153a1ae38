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
    /// The events not yet drained, and whether a wake-up was sent for them since the last drain:
    /// a burst of answers then costs one write to the wake-up pipe and one wake-up of the loop,
    /// not one of each per answer.
    private let pending = Mutex<(events: [DashboardEvent], woken: Bool)>(([], false))
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
        let (wakes, stamp) = pending.withLock { pending in
            pending.events.append(event)
            // Deferred events are bounded: a screen with nothing counting may not wake for an hour.
            let wanted = wake || pending.events.count >= Self.deferredLimit
            let wakes = wanted && !pending.woken
            if wakes { pending.woken = true }
            return (wakes, clock.now())
        }
        if wakes { waker.wake() }
        return stamp
    }

    /// How many events may wait for the next wake-up before posting wakes the loop anyway.
    public static let deferredLimit = 64

    /// Everything posted since the last call, in order, and the instant it was taken: every
    /// event posted later has a later stamp.
    public func drain() -> (events: [DashboardEvent], at: Date) {
        pending.withLock { pending in
            pending.woken = false
            // Handed over whole, not copied and emptied: the copy would share the buffer, so
            // emptying it in place would allocate another at every wake-up, most of which drain nothing.
            var events: [DashboardEvent] = []
            swap(&events, &pending.events)
            return (events, clock.now())
        }
    }
}
