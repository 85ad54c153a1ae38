import Dispatch

/// Runs async set-up and tear-down from the dashboard's synchronous main thread, which must not
/// become an async context: its loop blocks in the terminal's input wait.
enum BlockingAsync {
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
}

private final class ResultBox: @unchecked Sendable {
    // Written by the task before it signals the semaphore, read after the wait: ordered by it.
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}
