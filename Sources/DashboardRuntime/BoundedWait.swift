import Dispatch
import Synchronization

/// Waits for clean-up at most a given time: on the way out, a connection that will not close
/// must not keep the process from exiting with its status.
public enum BoundedWait {
    /// From synchronous code (the dashboard's loop on the main thread), which must not become an
    /// async context: blocks until `work` is done or `seconds` have passed.
    public static func blocking(seconds: Double, _ work: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await work()
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
    }

    /// From async code: returns when `work` is done or `seconds` have passed, whichever is first;
    /// `work` may go on in the background.
    public static func async(seconds: Double, _ work: @escaping @Sendable () async -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            Task.detached { await work(); once.resume() }
            Task.detached { try? await Task.sleep(for: .seconds(seconds)); once.resume() }
        }
    }
}

/// Resumes a continuation the first time `resume()` is called, from whichever task gets there.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }

    func resume() { continuation.withLock { $0.take() }?.resume() }
}
