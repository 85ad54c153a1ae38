import Dashboard
import FoundationEssentials

/// A `.tick` exactly when something on screen shows its next value — a countdown on the
/// expiry's own fractional second, an age, a stale mark (``DashboardViewModel/nextScreenChange(in:sharing:ageLag:)``)
/// — and none while nothing on screen changes with time: an idle dashboard sleeps until a key, an
/// answer or a signal wakes it.
///
/// Countdowns that step within a short window share one wake-up. A replay (and a session that
/// records frame digests) takes in every step within 40 ms of the first and wakes at the last,
/// so none is early. A live session takes in every step within 65 ms of the first and wakes
/// 45 ms before the last (never before the first), the tick carrying that last instant as its
/// time: the first step is at most 20 ms late, the last at most 45 ms early, both within ±50 ms;
/// the time a frame takes to reach the screen adds to lateness, hence the small late side. Ten
/// tasks step at ten different fractional seconds: about six wake-ups a second instead of eight.
struct TickSource {
    /// How far a shared wake-up may move the steps it shows.
    struct Window: Sendable {
        /// How much later than its instant the first step of a wake-up may be shown.
        var late: TimeInterval
        /// How much earlier than its instant the last step of a wake-up may be shown.
        var early: TimeInterval

        /// A replay's: nothing early.
        static let replay = Window(late: 0.04, early: 0)
        /// A live session's.
        static let live = Window(late: 0.02, early: 0.045)
    }

    /// The wake-up planned by the last ``timeout(for:viewModel:)``, and the instant its tick shows.
    private var planned: (wake: Date, instant: Date)?
    /// The last tick's time: ticks never go back, whatever the clock does.
    private var lastTick: Date?
    /// The session's clock: the wall clock live, the time cursor in a replay.
    let clock: any SessionClock
    let window: Window

    init(clock: any SessionClock = WallClock(), window: Window = .replay) {
        self.clock = clock
        self.window = Window(late: max(0, window.late), early: max(0, window.early))
    }

    /// How long the input wait may block before the next tick is due in `state` (whose view model
    /// is `viewModel`).
    mutating func timeout(for state: DashboardState, viewModel: DashboardViewModel) -> Duration {
        planned = nil
        if let (first, instant) = viewModel.nextScreenChanges(in: state, sharing: window.late + window.early) {
            // The window starts at the first change due (a countdown, or an age riding along).
            let start = window.early > 0 ? first : instant
            planned = (max(start, instant.addingTimeInterval(-window.early)), instant)
        }
        // Alerts before a lapse, renewals of kept tasks and flashes are checked on ticks for every
        // task, on screen or not: tick when the earliest of them is due. One already past (the
        // reducer did not act on it, e.g. a renewal refused) is retried on the next local second,
        // never in a tight loop.
        if let background = viewModel.nextBackgroundDeadline(in: state) {
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
    /// so a replay's cursor may go back). `now` is the session's time, read from ``clock`` when
    /// not given.
    mutating func next(now given: Date? = nil) -> DashboardEvent? {
        let now = given ?? clock.now()
        guard let planned, now >= planned.wake else { return nil }
        self.planned = nil
        guard window.early > 0 else { return .tick(now) }
        let instant = max(now, planned.instant, lastTick ?? .distantPast)
        lastTick = instant
        return .tick(instant)
    }
}
