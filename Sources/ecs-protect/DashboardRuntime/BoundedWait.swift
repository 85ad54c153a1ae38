import Dispatch

/// Runs async set-up and tear-down from the dashboard's synchronous main thread, which must not
/// become an async context: its loop blocks in the terminal's input wait.
enum BlockingAsync {
    /// Waits for `work` and rethrows its error.
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let outcome = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await work() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// Waits for clean-up at most `seconds`: on the way out, a connection that will not close
    /// must not keep the process from exiting with its status.
    static func runBounded(seconds: Double, _ work: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await work()
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
    }
}

private final class ResultBox: @unchecked Sendable {
    // Written by the task before it signals the semaphore, read after the wait: ordered by it.
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}
