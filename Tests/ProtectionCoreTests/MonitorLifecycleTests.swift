import Foundation
import ProtectionCore
import Synchronization
import Testing

/// The lifecycle both monitors are built on, driven with a counter as its core and text events.
@Suite struct MonitorLifecycleTests {
    /// Events as they reached the consumer, and flags the closures set.
    private final class Log: Sendable {
        private let state = Mutex<(events: [String], recordedAfterStop: Bool)>(([], false))

        var events: [String] { state.withLock { $0.events } }
        var recordedAfterStop: Bool { state.withLock { $0.recordedAfterStop } }
        func append(_ event: String) { state.withLock { $0.events.append(event) } }
        func markRecordedAfterStop() { state.withLock { $0.recordedAfterStop = true } }

        /// Waits (generously: the machine may be loaded) until `condition` holds for the events.
        func wait(until condition: ([String]) -> Bool) async -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if condition(events) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return condition(events)
        }
    }

    private func lifecycle(_ log: Log) -> MonitorLifecycle<Int, String> {
        MonitorLifecycle(core: 0, clock: ManualMonitorClock(), onEvent: { log.append($0) })
    }

    @Test func startsOnceAndRunsARoundOnEachWake() async {
        let log = Log()
        let lifecycle = lifecycle(log)
        let round: @Sendable (inout MonitorLifecycle<Int, String>.State, Date) -> Date? = { state, _ in
            state.core += 1
            state.outbox.append("round \(state.core)")
            return nil
        }
        lifecycle.start(begin: { state, _ in state.outbox.append("begun") }, round: round)
        #expect(await log.wait { $0 == ["begun", "round 1"] }, "\(log.events)")
        lifecycle.start(begin: { state, _ in state.outbox.append("begun again") }, round: round)
        lifecycle.update { state, _ in state.core += 10 }
        #expect(await log.wait { $0 == ["begun", "round 1", "round 12"] }, "\(log.events)")
        lifecycle.act { state, _ in state.outbox.append("acted while \(state.isRunning ? "running" : "idle")") }
        #expect(await log.wait { $0.prefix(4).last == "acted while running" }, "\(log.events)")
        await lifecycle.stop()
    }

    @Test func finishedWorkIsRecordedAndWakesTheLoop() async {
        let log = Log()
        let lifecycle = lifecycle(log)
        lifecycle.start(begin: { _, _ in }, round: { state, _ in
            state.core += 1
            state.outbox.append("round \(state.core)")
            if state.core == 1 {
                state.launch { key in
                    lifecycle.finish(key) { state, _ in
                        state.outbox.append("work \(key) finished")
                        return true
                    }
                }
            }
            return nil
        })
        #expect(await log.wait { $0 == ["round 1", "work 0 finished", "round 2"] }, "\(log.events)")
        await lifecycle.stop()
    }

    @Test func stopCancelsWorkAndNothingFollowsIt() async {
        let log = Log()
        let lifecycle = lifecycle(log)
        lifecycle.start(begin: { _, _ in }, round: { state, _ in
            guard state.core == 0 else { return nil }
            state.core = 1
            state.outbox.append("launched")
            state.launch { key in
                // Ends only when cancelled; its outcome must not be recorded after stop.
                try? await Task.sleep(for: .seconds(3600))
                lifecycle.finish(key) { state, _ in
                    log.markRecordedAfterStop()
                    state.outbox.append("finished after stop")
                    return true
                }
            }
            return nil
        })
        #expect(await log.wait { $0 == ["launched"] })
        await lifecycle.stop()
        let afterStop = log.events
        lifecycle.act { state, _ in state.outbox.append("acted after stop: \(state.isRunning)") }
        lifecycle.start(begin: { state, _ in state.outbox.append("restarted") }, round: { _, _ in nil })
        try? await Task.sleep(for: .milliseconds(100))
        #expect(afterStop == ["launched"])
        #expect(log.events == ["launched"])
        #expect(!log.recordedAfterStop)
    }
}
