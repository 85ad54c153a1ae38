import ProtectionCore
import NIOCore

/// Runs Swift tasks on one NIO event loop.
///
/// Work that awaits the HTTP client resumes on the event loop that completed its I/O; with the
/// global executor it would hop to a pool thread and back for every request, two context switches
/// each way. A task that prefers this executor (`Task(executorPreference:)`) stays on the loop's
/// thread from request to response to the event it reports, and the loop's own timers can wake it.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop every job runs on.
    public let eventLoop: any EventLoop

    /// An executor for `eventLoop`.
    public init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
