import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Suspends until one of the given signals arrives, for long-running non-interactive commands.
public enum TerminationSignalWaiter {
    /// Replaces the default disposition of `signals` and returns the first one delivered.
    public static func wait(for signals: [Int32]) async -> Int32 {
        await withCheckedContinuation { continuation in
            let listener = SignalListener(continuation)
            listener.queue.sync { listener.listen(to: signals) }
        }
    }
}

/// Resumes a continuation at most once, whichever signal arrives first.
private final class SignalListener: @unchecked Sendable {
    // Both fields are only touched on `queue`, which is serial.
    private var continuation: CheckedContinuation<Int32, Never>?
    private var sources: [DispatchSourceSignal] = []
    public let queue = DispatchQueue(label: "ecs-protect.signals")

    public init(_ continuation: CheckedContinuation<Int32, Never>) { self.continuation = continuation }

    public func listen(to signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in resume(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func resume(_ number: Int32) {
        continuation?.resume(returning: number)
        continuation = nil
        sources.forEach { $0.cancel() }
        sources = []
    }
}
