import FoundationEssentials
import Synchronization

/// Wakes one waiting task from any thread, synchronous or not. A signal sent while nobody waits
/// is kept, so the next ``wait()`` returns at once and no wake-up is lost.
public final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Creates a signal with nothing pending.
    public init() {}

    /// Returns on the next signal (or a kept one), or when the calling task is cancelled.
    public func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            takeWaiter()?.resume()
        }
    }

    /// Returns on the next signal, when `clock` reaches `deadline` (never when nil), or when the
    /// calling task is cancelled: how a monitor's loop sleeps between rounds of work.
    public func wait(until deadline: Date?, on clock: any MonitorClock) async {
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask { try? await clock.sleep(until: deadline) }
            }
            group.addTask { await self.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Wakes the waiter, or keeps the signal for the next one.
    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    private func takeWaiter() -> CheckedContinuation<Void, Never>? {
        state.withLock { state in
            defer { state.waiter = nil }
            return state.waiter
        }
    }
}
