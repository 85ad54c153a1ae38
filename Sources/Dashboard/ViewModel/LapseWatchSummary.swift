import FoundationEssentials
import ProtectionCore

/// What every task's lapse watch says together, read in one pass: when the first alert is due,
/// and how many tasks are lapsing soon until when.
///
/// Without it, each wake-up went over every watch three times: the header's "lapsing soon", the
/// tick's search for a watch with work, and the wait's search for the next alert. With thousands
/// of tasks that was more than any row on screen cost. The watches change only with an answer
/// that moves an expiry, an alert, or an unprotect, so one summary serves many wake-ups.
struct LapseWatchSummary: Sendable {
    /// The state's ``DashboardState/lapseWatchesChanges`` count when the watches were read.
    let watchesChanges: Int
    /// The state's time when the watches were read.
    let readAt: Date
    /// The earliest ``LapseWatch/nextAlertInstant`` of all watches, nil when none is armed.
    let earliestAlert: Date?
    /// How many tasks were lapsing soon at ``readAt``.
    let lapsingSoon: Int
    /// The first instant after ``readAt`` at which a task enters or leaves the lapsing-soon window
    /// by time alone: ``lapsingSoon`` holds before it.
    let lapsingSoonUntil: Date

    /// Reads every watch of `state`.
    init(_ state: DashboardState) {
        let now = state.now
        var earliest: Date?
        var lapsing = 0
        var until = Date.distantFuture
        for watch in state.lapseWatches.values {
            if let instant = watch.nextAlertInstant { earliest = min(earliest ?? instant, instant) }
            guard watch.expectedProtected, let expiry = watch.expiresAt, expiry > now else { continue }
            // Lapsing soon from the window's start up to the expiry: the count next changes at
            // whichever of the two is ahead. Decided by isLapsingSoon itself, so a start that
            // rounds to now or before, for a watch not yet counted, ends the summary at once
            // rather than hold a count it would not give.
            if watch.isLapsingSoon(now: now) {
                lapsing += 1
                until = min(until, expiry)
            } else {
                until = min(until, expiry.addingTimeInterval(-watch.window))
            }
        }
        watchesChanges = state.lapseWatchesChanges.count
        readAt = now
        earliestAlert = earliest
        lapsingSoon = lapsing
        lapsingSoonUntil = until
    }

    /// Whether the watches are those read, and time has not gone back since. Time going forward
    /// changes no watch's ``LapseWatch/nextAlertInstant``: each watch arms itself whenever it sees
    /// its task with more than its window left, so a watch has work exactly once that instant is
    /// reached (``LapseWatch/hasWork(at:)``). A clock that went back (a replay's jump) breaks that.
    func holds(for state: DashboardState) -> Bool {
        watchesChanges == state.lapseWatchesChanges.count && readAt <= state.now
    }

    /// Whether no watch has work at `state`'s time: a tick then need not visit them.
    func noneDue(in state: DashboardState) -> Bool {
        holds(for: state) && (earliestAlert.map { state.now < $0 } ?? true)
    }

    /// The lapsing-soon count at `state`'s time, nil when this summary cannot say.
    func lapsingSoon(in state: DashboardState) -> Int? {
        holds(for: state) && state.now < lapsingSoonUntil ? lapsingSoon : nil
    }
}
