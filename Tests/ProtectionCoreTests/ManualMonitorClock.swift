import Foundation
import ProtectionCore
import Synchronization

/// A ``MonitorClock`` that only moves when told to, for tests of anything built on the monitor.
///
/// `sleep(until:)` returns at once for a deadline that has passed, and otherwise when
/// ``advance(by:)`` or ``set(to:)`` reaches the deadline (or throws `CancellationError` when the
/// sleeping task is cancelled).
final class ManualMonitorClock: MonitorClock {
    private struct Sleeper {
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a clock that reads `start` until moved.
    init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        state = Mutex(State(now: start))
    }

    func now() -> Date { state.withLock { $0.now } }

    /// How many tasks are sleeping on this clock.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone sleeps until, if anyone sleeps.
    var earliestDeadline: Date? { state.withLock { $0.sleepers.values.map(\.deadline).min() } }

    /// Moves the clock forward by `interval` seconds and wakes the sleepers whose deadline passed.
    func advance(by interval: TimeInterval) {
        set(to: now().addingTimeInterval(max(0, interval)))
    }

    /// Moves the clock to `date` (never backwards) and wakes the sleepers whose deadline passed.
    func set(to date: Date) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now = max(state.now, date)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    func sleep(until deadline: Date) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                defer { state.sleepers[id] = nil }
                return state.sleepers[id]
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
