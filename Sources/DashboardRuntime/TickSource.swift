import Dashboard
import Foundation

/// A `.tick` exactly when something on screen shows its next value — a countdown on the
/// expiry's own fractional second, an age, a stale mark (``DashboardViewModel/nextScreenChange(in:sharing:ageLag:)``)
/// — and none while nothing on screen changes with time: an idle dashboard sleeps until a key, an
/// answer or a signal wakes it.
struct TickSource {
    private var due: Date?
    /// The session's clock: the wall clock live, the time cursor in a replay.
    let clock: any SessionClock

    init(clock: any SessionClock = WallClock()) { self.clock = clock }

    /// How long the input wait may block before the next tick is due in `state` (whose view model
    /// is `viewModel`).
    mutating func timeout(for state: DashboardState, viewModel: DashboardViewModel) -> Duration {
        due = viewModel.nextScreenChange(in: state)
        // Alerts before a lapse, renewals of kept tasks and flashes are checked on ticks for every
        // task, on screen or not: tick when the earliest of them is due. One already past (the
        // reducer did not act on it, e.g. a renewal refused) is retried on the next local second,
        // never in a tight loop.
        if let background = state.nextBackgroundDeadline() {
            let now = clock.now()
            let instant = background > now
                ? background : Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
            due = min(due ?? instant, instant)
        }
        // Nothing changes by itself: wait for an event (the wait rounds up to whole milliseconds,
        // so a tick is never early).
        guard let due, let wait = clock.wallSeconds(until: due) else { return .seconds(3600) }
        return .nanoseconds(Int64(min(3600, max(0, wait)) * 1e9))
    }

    /// A tick when the change the last wait was for is due.
    mutating func next() -> DashboardEvent? {
        let now = clock.now()
        guard let due, now >= due else { return nil }
        self.due = nil
        return .tick(now)
    }
}
