import Dashboard
import Foundation

/// A `.tick` exactly when something on screen shows its next value — a countdown on the
/// expiry's own fractional second, an age, a stale mark (``DashboardState/nextScreenChange(sharing:ageLag:)``)
/// — and none while nothing on screen changes with time: an idle dashboard sleeps until a key, an
/// answer or a signal wakes it.
///
/// Countdowns that step within a short window share one wake-up: the first of them is shown at
/// most ``lateBy`` after its instant, the last at most ``earlyBy`` before its own (the tick then
/// carries that last instant as its time). Ten tasks step at ten different fractional seconds;
/// a window of 80 ms takes their wake-ups from about seven a second to about five, and every step
/// stays well within the ±50 ms an operator can tell.
struct TickSource {
    /// The wake-up planned by the last ``timeout(for:)``, and the instant its tick shows.
    private var planned: (wake: Date, instant: Date)?
    /// The last tick's time: ticks never go back, whatever the clock does.
    private var lastTick: Date?
    /// The session's clock: the wall clock live, the time cursor in a replay.
    let clock: any SessionClock
    /// How much earlier than its instant a countdown step may be shown (0: never early).
    let earlyBy: TimeInterval

    /// How much later than its instant the first countdown of a shared wake-up may be shown.
    static let lateBy: TimeInterval = 0.04
    /// What a live session allows: the ±50 ms of an on-time step, less the time a frame takes to
    /// reach the screen.
    static let liveEarlyBy: TimeInterval = 0.04

    init(clock: any SessionClock = WallClock(), earlyBy: TimeInterval = 0) {
        self.clock = clock
        self.earlyBy = max(0, earlyBy)
    }

    /// How long the input wait may block before the next tick is due in `state`.
    mutating func timeout(for state: DashboardState) -> Duration {
        planned = nil
        if let instant = state.nextScreenChange(sharing: Self.lateBy + earlyBy) {
            // The window starts at the first change due (a countdown, or an age riding along).
            let first = earlyBy > 0 ? state.nextScreenChange(sharing: 0) ?? instant : instant
            let wake = min(instant, max(first.addingTimeInterval(Self.lateBy), instant.addingTimeInterval(-earlyBy)))
            planned = (wake, instant)
        }
        // Alerts before a lapse, renewals of kept tasks and flashes are checked on ticks for every
        // task, on screen or not: tick when the earliest of them is due. One already past (the
        // reducer did not act on it, e.g. a renewal refused) is retried on the next local second,
        // never in a tight loop.
        if let background = state.nextBackgroundDeadline() {
            let now = clock.now()
            let instant = background > now
                ? background : Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
            if planned.map({ instant < $0.wake }) ?? true { planned = (instant, instant) }
        }
        // Nothing changes by itself: wait for an event (the wait rounds up to whole milliseconds,
        // so a tick is never earlier than planned).
        guard let planned, let wait = clock.wallSeconds(until: planned.wake) else { return .seconds(3600) }
        return .nanoseconds(Int64(min(3600, max(0, wait)) * 1e9))
    }

    /// A tick when the wake-up the last wait was for is due: at the instant planned for it, or
    /// the clock's time when that is later (always the clock's time when nothing is shown early,
    /// so a replay's cursor may go back).
    mutating func next() -> DashboardEvent? {
        let now = clock.now()
        guard let planned, now >= planned.wake else { return nil }
        self.planned = nil
        guard earlyBy > 0 else { return .tick(now) }
        let instant = max(now, planned.instant, lastTick ?? .distantPast)
        lastTick = instant
        return .tick(instant)
    }
}
