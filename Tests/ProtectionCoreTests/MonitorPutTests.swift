import Foundation
import Testing
@testable import ProtectionCore

/// PUTs under pressure: a key flood, and PUTs against the poll budget.
@Suite("PollScheduler PUTs")
struct MonitorPutTests {
    let start = MonitorFixtures.start

    private func scheduler(targets: Int, _ configuration: MonitorConfiguration = .init()) -> PollScheduler {
        var scheduler = PollScheduler(targetCount: targets, configuration: configuration,
                                      random: SeededRandomNumberGenerator(seed: 3))
        _ = scheduler.start(now: start)
        return scheduler
    }

    /// What the agent ends up with: each PUT replaces the target's protection, in arrival order.
    private final class AgentState {
        var applied: [TargetID: ProtectionChange] = [:]
    }

    @Test func aKeyFloodSendsAtMostTwoPutsAndTheLastIntentWins() throws {
        let agent = AgentState()
        let flooded: TargetID = 2
        let intents = try (1...200).map { try ProtectionChange.protect(minutes: $0) }
        // 200 presses in 0.2 s, faster than one round trip (0.3 s).
        let actions: [SchedulerSimulation.Action] = intents.enumerated().map { index, change in
            (at: 1 + Double(index) * 0.001, perform: { scheduler, _ in scheduler.enqueue(change, for: [flooded]) })
        }
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 5), latency: 0.3, actions: actions)
        let issued = simulation.run(for: 10) { request, now in
            if case .put(let change) = request.request { agent.applied[request.target] = change }
            return MonitorFixtures.success(at: now)
        }
        let puts = issued.filter { $0.request != .get }
        #expect(puts.count == 2, "sent \(puts.count) PUTs")
        #expect(puts.allSatisfy { $0.target == flooded })
        #expect(puts.last?.request == .put(intents[199]))
        #expect(agent.applied[flooded] == intents[199])
        #expect(simulation.scheduler.queuedChange(for: flooded) == nil)
        // The other targets kept their share: polled throughout, at about the interval.
        for other in [0, 1, 3, 4] {
            let times = issued.filter { $0.target == other }.map { $0.issuedAt.timeIntervalSince(start) }
            #expect(times.count >= 4, "target \(other) polled \(times.count) times")
            #expect(times.contains { $0 >= 1 && $0 <= 3.5 }, "target \(other) not polled during the flood")
        }
    }

    @Test func aNewerIntentReplacesTheQueuedOneButKeepsItsPlace() throws {
        var scheduler = scheduler(targets: 3)
        let get = scheduler.dueRequests(now: start)
        #expect(get.map(\.target) == [0, 1, 2])
        let protect = try ProtectionChange.protect(minutes: 30)
        scheduler.enqueue(protect, for: [0])
        scheduler.enqueue(.unprotect, for: [1])
        scheduler.enqueue(.unprotect, for: [0])
        #expect(scheduler.queuedChange(for: 0) == .unprotect)
        #expect(scheduler.queuedChange(for: 1) == .unprotect)
        let later = start.addingTimeInterval(1)
        _ = scheduler.didFinish(get[1], response: MonitorFixtures.success(at: later), now: later)
        _ = scheduler.didFinish(get[0], response: MonitorFixtures.success(at: later), now: later)
        var sent: [ScheduledRequest] = []
        for step in 0..<5 { sent += scheduler.dueRequests(now: later.addingTimeInterval(Double(step) * 0.1)) }
        let puts = sent.filter { $0.request != .get }
        // Target 0's PUT was queued first, so it still leaves first, carrying the newer change.
        #expect(puts.map(\.target) == [0, 1])
        #expect(puts.first?.request == .put(.unprotect))
    }

    @Test func aPutDoesNotWaitForTheBudgetAndItsCostComesOutOfTheNextGetSlot() throws {
        var scheduler = scheduler(targets: 25, MonitorFixtures.configuration(jitter: 0))
        let first = scheduler.dueRequests(now: start)
        #expect(first.map(\.target) == Array(0..<10), "the first ten GETs spend the budget until +1 s")
        let keyPress = start.addingTimeInterval(0.01)
        let protect = try ProtectionChange.protect(minutes: 5)
        scheduler.enqueue(protect, for: [15])
        #expect(scheduler.nextWakeUp() == .distantPast)
        let put = scheduler.dueRequests(now: keyPress)
        #expect(put.map(\.target) == [15])
        #expect(put.first?.request == .put(protect))
        #expect(put.first?.issuedAt == keyPress)
        // The PUT counts against the next window: nine GETs at +1 s instead of ten, the tenth
        // once the PUT's own second is over.
        #expect(scheduler.nextWakeUp() == start.addingTimeInterval(1))
        let atNextWindow = scheduler.dueRequests(now: start.addingTimeInterval(1))
        #expect(atNextWindow.map(\.target) == [10, 11, 12, 13, 14, 16, 17, 18, 19])
        #expect(scheduler.nextWakeUp() == keyPress.addingTimeInterval(1))
        let afterThePutsSecond = scheduler.dueRequests(now: keyPress.addingTimeInterval(1))
        #expect(afterThePutsSecond.map(\.target) == [20])
    }

    @Test func aBurstOfPutsLeavesAtOnceAndDelaysPollingByASecondAtMost() throws {
        var scheduler = scheduler(targets: 50, MonitorFixtures.configuration(jitter: 0, maxRPS: 10))
        let later = start.addingTimeInterval(30)
        let protect = try ProtectionChange.protect(minutes: 60)
        scheduler.enqueue(protect, for: Array(0..<50))
        let puts = scheduler.dueRequests(now: later)
        #expect(puts.count == 50)
        #expect(puts.allSatisfy { $0.request == .put(protect) })
        for put in puts {
            _ = scheduler.didFinish(put, response: MonitorFixtures.success(at: later), now: later)
        }
        scheduler.refresh(nil, now: later)
        #expect(scheduler.nextWakeUp() == later.addingTimeInterval(1))
    }
}
