import ProtectionCore
import FoundationEssentials
import NIOCore
import Synchronization

/// The wall clock, sleeping on a NIO event loop's timer.
///
/// A monitor whose tasks run on the HTTP client's loop (see ``EventLoopTaskExecutor``) sleeps
/// here so that its wake-up is the loop's own `epoll` timeout: one thread wakes, where `Task.sleep`
/// wakes the global executor's timer thread first and hands over from there.
public struct EventLoopMonitorClock: MonitorClock {
    private let eventLoop: any EventLoop

    /// A clock whose sleeps are timers on `eventLoop`.
    public init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        // A day at most: a far deadline just costs one more round, where its nanoseconds would
        // overflow the timer's Int64.
        let interval = min(deadline.timeIntervalSinceNow, 86_400)
        guard interval > 0 else { return }
        let sleep = LoopSleep()
        let eventLoop = self.eventLoop
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                sleep.begin(continuation) {
                    eventLoop.scheduleTask(in: .nanoseconds(Int64(interval * 1e9))) { sleep.end(throwing: nil) }
                }
            }
        } onCancel: {
            sleep.end(throwing: CancellationError())
        }
    }
}

/// One sleep's continuation and timer, ended once by whichever comes first: the timer or a
/// cancellation (which may arrive before the sleep has even begun).
private final class LoopSleep: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Void, any Error>?
        var timer: Scheduled<Void>?
        var ended: (any Error)??
    }

    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<Void, any Error>, startTimer: () -> Scheduled<Void>) {
        let endedEarly = state.withLock { state -> (any Error)?? in
            if let ended = state.ended { return .some(ended) }
            state.continuation = continuation
            state.timer = startTimer()
            return .none
        }
        if case .some(let error) = endedEarly { resume(continuation, throwing: error) }
    }

    func end(throwing error: (any Error)?) {
        let (continuation, timer) = state.withLock { state in
            if state.ended == nil { state.ended = .some(error) }
            defer { state.continuation = nil; state.timer = nil }
            return (state.continuation, state.timer)
        }
        if error != nil { timer?.cancel() }
        if let continuation { resume(continuation, throwing: error) }
    }

    private func resume(_ continuation: CheckedContinuation<Void, any Error>, throwing error: (any Error)?) {
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }
}
