@testable import DashboardRuntime
import Dashboard
import Dispatch
import Foundation
import Synchronization
import TerminalUI
import Testing

/// The inbox wakes the loop once per burst: every event is still taken in, and none waits for a
/// wake-up that was never sent.
@Suite struct EventInboxTests {
    /// Counts wake-ups and lets a waiting thread through once per wake-up, as the wake-up pipe does.
    private final class CountingWaker: InputWaker {
        let count = Atomic<Int>(0)
        let semaphore = DispatchSemaphore(value: 0)
        func wake() {
            count.add(1, ordering: .relaxed)
            semaphore.signal()
        }
    }

    private static let event = DashboardEvent.tick(Date(timeIntervalSince1970: 1_800_000_000))

    @Test func aBurstBeforeTheDrainWakesTheLoopOnce() {
        let waker = CountingWaker()
        let inbox = EventInbox(waker: waker)
        for _ in 0..<10 { inbox.post(Self.event) }
        #expect(waker.count.load(ordering: .relaxed) == 1)
        #expect(inbox.drain().events.count == 10)
        // After a drain, the next event wakes the loop again.
        inbox.post(Self.event)
        #expect(waker.count.load(ordering: .relaxed) == 2)
        #expect(inbox.drain().events.count == 1)
        #expect(inbox.drain().events.isEmpty)
    }

    @Test func deferredEventsWakeTheLoopOnlyAtTheLimit() {
        let waker = CountingWaker()
        let inbox = EventInbox(waker: waker)
        for _ in 0..<(EventInbox.deferredLimit - 1) { inbox.post(Self.event, wake: false) }
        #expect(waker.count.load(ordering: .relaxed) == 0)
        inbox.post(Self.event, wake: false)
        #expect(waker.count.load(ordering: .relaxed) == 1)
        inbox.post(Self.event)
        #expect(waker.count.load(ordering: .relaxed) == 1, "a wake-up is already on its way")
        #expect(inbox.drain().events.count == EventInbox.deferredLimit + 1)
    }

    @Test func aDeferredEventThenAWakingOneWakesTheLoop() {
        let waker = CountingWaker()
        let inbox = EventInbox(waker: waker)
        inbox.post(Self.event, wake: false)
        #expect(waker.count.load(ordering: .relaxed) == 0)
        inbox.post(Self.event)
        #expect(waker.count.load(ordering: .relaxed) == 1)
        #expect(inbox.drain().events.count == 2)
    }

    /// Eight threads post while a loop sleeps until woken and drains, as the session does: every
    /// event arrives, and no post sent more than one wake-up.
    @Test func noEventWaitsForAWakeUpThatWasNeverSent() async {
        let waker = CountingWaker()
        let inbox = EventInbox(waker: waker)
        let posters = 8, perPoster = 2_000
        let consumer = Task.detached { () -> (taken: Int, stalled: Bool) in
            var taken = 0
            while taken < posters * perPoster {
                // A lost wake-up would leave events queued and this wait timing out.
                if waker.semaphore.wait(timeout: .now() + 5) == .timedOut { return (taken, true) }
                taken += inbox.drain().events.count
            }
            return (taken, false)
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<posters {
                group.addTask { for _ in 0..<perPoster { inbox.post(Self.event) } }
            }
        }
        let result = await consumer.value
        #expect(!result.stalled)
        #expect(result.taken == posters * perPoster)
        #expect(waker.count.load(ordering: .relaxed) <= posters * perPoster)
    }
}
