import Foundation
import NIOCore
import NIOPosix
import ProtectionClient
import Testing
@testable import ProtectionCore

/// The executor and clock that keep the monitor's work on the HTTP client's event loop.
@Suite struct EventLoopExecutionTests {
    @Test func tasksPreferringTheExecutorRunOnItsLoopAcrossSuspensions() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor = EventLoopTaskExecutor(group.next())
        let onLoop = await Task(executorPreference: executor) { () async -> [Bool] in
            var seen = [executor.eventLoop.inEventLoop]
            // A suspension resumed from another thread comes back to the loop.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async { continuation.resume() }
            }
            seen.append(executor.eventLoop.inEventLoop)
            try? await EventLoopMonitorClock(executor.eventLoop).sleep(until: Date().addingTimeInterval(0.01))
            seen.append(executor.eventLoop.inEventLoop)
            return seen
        }.value
        try await group.shutdownGracefully()
        #expect(onLoop == [true, true, true])
    }

    @Test func sleepEndsAtItsDeadlineNotBefore() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let clock = EventLoopMonitorClock(group.next())
        let deadline = Date().addingTimeInterval(0.05)
        try await clock.sleep(until: deadline)
        let woke = Date()
        try await clock.sleep(until: Date().addingTimeInterval(-1)) // already past: returns at once
        // Absurdly far: must not trap converting to nanoseconds, and stays cancellable.
        let far = Task { try await clock.sleep(until: .distantFuture) }
        far.cancel()
        await #expect(throws: CancellationError.self) { try await far.value }
        try await group.shutdownGracefully()
        #expect(woke >= deadline.addingTimeInterval(-0.002), "woke \(deadline.timeIntervalSince(woke) * 1000) ms early")
    }

    @Test func cancellingASleepEndsItAtOnceWithCancellationError() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let clock = EventLoopMonitorClock(group.next())
        let started = Date()
        let sleeper = Task { try await clock.sleep(until: Date().addingTimeInterval(30)) }
        try await Task.sleep(for: .milliseconds(20))
        sleeper.cancel()
        let outcome = await sleeper.result
        // Cancelled before it began: it must not start a 30 s timer either.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(until: Date().addingTimeInterval(30))
        }
        let earlyOutcome = await early.result
        try await group.shutdownGracefully()
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(throws: CancellationError.self) { try earlyOutcome.get() }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
