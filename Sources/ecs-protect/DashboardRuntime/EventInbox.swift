import CursesTerminal
import Dashboard
import Synchronization

/// Where background work (monitor results, simulator feedback) leaves events for the UI loop,
/// which blocks in `nextInput` and so cannot await anything: posting wakes it at once.
final class EventInbox: Sendable {
    private let pending = Mutex<[DashboardEvent]>([])
    private let waker: TerminalWaker

    init(waker: TerminalWaker) { self.waker = waker }

    func post(_ event: DashboardEvent) {
        pending.withLock { $0.append(event) }
        waker.wake()
    }

    /// Everything posted since the last call, in order.
    func drain() -> [DashboardEvent] {
        pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
