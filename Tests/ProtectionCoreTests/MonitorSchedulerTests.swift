import Foundation
import Testing
@testable import ProtectionCore

@Suite("PollScheduler")
struct MonitorSchedulerTests {
    let start = MonitorFixtures.start

    private func scheduler(targets: Int, _ configuration: MonitorConfiguration = .init(), seed: UInt64 = 7) -> PollScheduler {
        var scheduler = PollScheduler(targetCount: targets, configuration: configuration,
                                      random: SeededRandomNumberGenerator(seed: seed))
        _ = scheduler.start(now: start)
        return scheduler
    }

    private func gaps(_ requests: [ScheduledRequest], target: TargetID) -> [TimeInterval] {
        let times = requests.filter { $0.target == target }.map(\.issuedAt)
        return zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
    }

    @Test func startReportsTheEffectiveInterval() {
        var small = PollScheduler(targetCount: 3, configuration: .init())
        let smallEvents = small.start(now: start)
        #expect(smallEvents == [.effectiveIntervalChanged(2)])
        var large = PollScheduler(targetCount: 1_000, configuration: .init())
        let largeEvents = large.start(now: start)
        #expect(largeEvents == [.effectiveIntervalChanged(100)])
    }

    @Test func pollsAtTheIntervalWithinJitterBounds() {
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 1, MonitorFixtures.configuration(interval: 2, jitter: 0.1)),
                                             latency: 0)
        let gaps = gaps(simulation.run(for: 400), target: 0)
        #expect(gaps.count > 150)
        #expect(gaps.allSatisfy { $0 >= 1.8 - 1e-9 && $0 <= 2.2 + 1e-9 })
        // Jitter really varies the wait, across most of its range.
        #expect((gaps.min() ?? 2) < 1.85)
        #expect((gaps.max() ?? 2) > 2.15)
    }

    @Test func withoutJitterTheIntervalIsExact() {
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 1, MonitorFixtures.configuration(interval: 3, jitter: 0)),
                                             latency: 0)
        let gaps = gaps(simulation.run(for: 60), target: 0)
        #expect(!gaps.isEmpty)
        #expect(gaps.allSatisfy { abs($0 - 3) < 1e-9 })
    }

    @Test func budgetHoldsAcrossAThousandTargets() {
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 1_000), latency: 0.05)
        #expect(simulation.scheduler.effectiveInterval == 100)
        let issued = simulation.run(for: 500)
        let times = issued.map { $0.issuedAt.timeIntervalSince(start) }.sorted()
        // Over every 10 s window (starting at each request) at most budget × 10 + 1 requests.
        var upper = 0
        var worst = 0
        for lower in times.indices {
            while upper < times.count && times[upper] < times[lower] + 10 { upper += 1 }
            worst = max(worst, upper - lower)
        }
        #expect(worst <= 101)
        #expect(worst >= 95, "the budget should be used, not wasted")
        let perTarget = Dictionary(grouping: issued, by: \.target).mapValues(\.count)
        #expect(perTarget.count == 1_000)
        #expect(perTarget.values.allSatisfy { $0 >= 4 })
    }

    @Test func firstPollsLeaveOneBudgetAtATime() {
        var scheduler = scheduler(targets: 50)
        let first = scheduler.dueRequests(now: start)
        #expect(first.map(\.target) == Array(0..<10))
        #expect(scheduler.nextWakeUp() == start.addingTimeInterval(1))
        let early = scheduler.dueRequests(now: start.addingTimeInterval(0.99))
        #expect(early.isEmpty)
        let second = scheduler.dueRequests(now: start.addingTimeInterval(1))
        #expect(second.map(\.target) == Array(10..<20))
        var simulation = SchedulerSimulation(scheduler: scheduler, latency: 0.05)
        let issued = simulation.run(for: 0.99)
        #expect(issued.isEmpty)
    }

    @Test func targetsPolledTogetherStayTogether() {
        // Ten targets at two seconds within a budget of ten a second: each round leaves at one
        // instant, so the process wakes once a round, and every gap stays within the jitter.
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 10, MonitorFixtures.configuration(interval: 2, jitter: 0.1)),
                                             latency: 0.01)
        let issued = simulation.run(for: 200)
        let instants = Set(issued.map(\.issuedAt))
        let perTarget = Dictionary(grouping: issued, by: \.target)
        #expect(perTarget.count == 10)
        #expect(instants.count * 10 == issued.count, "\(instants.count) instants for \(issued.count) polls")
        for target in 0..<10 {
            #expect(gaps(issued, target: target).allSatisfy { $0 >= 1.8 + 0.01 - 1e-9 && $0 <= 2.2 + 0.01 + 1e-9 })
        }
    }

    @Test func theBudgetCountsAnySecondNotJustRounds() {
        // Ten polls at once, then all twelve targets refreshed half a second later: never more
        // than ten leave within any second.
        var scheduler = scheduler(targets: 12, MonitorFixtures.configuration(jitter: 0))
        var issued = scheduler.dueRequests(now: start)
        #expect(issued.count == 10)
        for request in issued {
            _ = scheduler.didFinish(request, response: MonitorFixtures.success(at: start), now: start)
        }
        scheduler.refresh(nil, now: start.addingTimeInterval(0.5))
        issued += scheduler.dueRequests(now: start.addingTimeInterval(0.5))
        #expect(issued.count == 10, "the window of the first ten is not over")
        issued += scheduler.dueRequests(now: start.addingTimeInterval(1))
        #expect(issued.count == 20)
        let times = issued.map { $0.issuedAt.timeIntervalSince(start) }
        for time in times {
            #expect(times.filter { $0 >= time && $0 < time + 1 }.count <= 10)
        }
    }

    @Test func backoffDoublesWithJitterUpToTheCapAndResetsOnSuccess() {
        let configuration = MonitorFixtures.configuration(interval: 1, jitter: 0.1, backoffInitial: 2, backoffMaximum: 16)
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 1, configuration), latency: 0)
        var answered = 0
        let issued = simulation.run(for: 80) { _, now in
            answered += 1
            return answered <= 6 ? MonitorFixtures.serverError(at: now) : MonitorFixtures.success(at: now)
        }
        let gaps = gaps(issued, target: 0)
        #expect(gaps.count >= 8)
        let expected: [ClosedRange<TimeInterval>] = [1.8...2.2, 3.6...4.4, 7.2...8.8, 14.4...16, 14.4...16, 14.4...16,
                                                     0.9...1.1, 0.9...1.1]
        for (gap, range) in zip(gaps, expected) {
            #expect(range.contains(gap), "gap \(gap) outside \(range)")
        }
    }

    struct BackoffCase: Sendable, CustomStringConvertible {
        let result: ProtectionResult
        let status: Int?
        let backsOff: Bool
        var description: String { "\(result.problemCode ?? "success") \(status.map(String.init) ?? "-")" }
    }

    static let backoffCases: [BackoffCase] = [
        .init(result: .rateLimited(message: "You have reached maximum request limit."), status: 429, backsOff: true),
        .init(result: .error(AgentError(code: "ThrottlingException", message: "Rate exceeded")), status: 400, backsOff: true),
        .init(result: .error(AgentError(code: "RequestCanceled", message: "Timed out")), status: 504, backsOff: true),
        .init(result: .error(AgentError(code: "ServerException", message: "Unexpected")), status: 500, backsOff: true),
        .init(result: .transport(.connectionRefused), status: nil, backsOff: true),
        .init(result: .error(AgentError(code: "AccessDeniedException", message: "denied")), status: 403, backsOff: false),
        .init(result: .failure(ProtectionFailure(arn: nil, reason: "TASK_NOT_VALID", detail: nil)), status: 200, backsOff: false),
        .init(result: .protection(MonitorFixtures.protection), status: 200, backsOff: false),
    ]

    @Test(arguments: backoffCases)
    func backoffFollowsTheResult(_ backoffCase: BackoffCase) {
        let configuration = MonitorFixtures.configuration(interval: 1, jitter: 0, backoffInitial: 8)
        var scheduler = scheduler(targets: 1, configuration)
        let request = scheduler.dueRequests(now: start)[0]
        let response = ProtectionResponse(result: backoffCase.result, httpStatus: backoffCase.status, serverDate: nil,
                                          sentAt: start, receivedAt: start)
        _ = scheduler.didFinish(request, response: response, now: start)
        #expect(scheduler.nextDue(of: 0) == start.addingTimeInterval(backoffCase.backsOff ? 8 : 1))
    }

    @Test func oneRequestInFlightPerTargetEvenWhenRefreshIsSpammed() {
        var scheduler = scheduler(targets: 1)
        let get = scheduler.dueRequests(now: start)
        #expect(get.count == 1)
        for step in 0..<100 {
            let now = start.addingTimeInterval(Double(step) * 0.01)
            scheduler.refresh(nil, now: now)
            scheduler.refresh([0], now: now)
            let whileInFlight = scheduler.dueRequests(now: now)
            #expect(whileInFlight.isEmpty)
        }
        #expect(scheduler.nextWakeUp() == nil)
        _ = scheduler.didFinish(get[0], response: MonitorFixtures.success(at: start.addingTimeInterval(1)),
                                now: start.addingTimeInterval(1))
        scheduler.refresh([0], now: start.addingTimeInterval(1))
        let afterResponse = scheduler.dueRequests(now: start.addingTimeInterval(1))
        #expect(afterResponse.count == 1)
    }

    @Test func aFractionalBudgetKeepsItsWholePartInAnySecond() {
        // 2.5 a second: two in any second, never five within one; half a second: one every 2 s.
        var fractional = scheduler(targets: 6, MonitorFixtures.configuration(jitter: 0, maxRPS: 2.5))
        let first = fractional.dueRequests(now: start)
        #expect(first.count == 2)
        #expect(fractional.nextWakeUp() == start.addingTimeInterval(1))
        var slow = scheduler(targets: 2, MonitorFixtures.configuration(jitter: 0, maxRPS: 0.5))
        let slowFirst = slow.dueRequests(now: start)
        #expect(slowFirst.count == 1)
        #expect(slow.nextWakeUp() == start.addingTimeInterval(2))
    }

    @Test func refreshOfSpecificTargetsPollsOnlyThoseWithinTheBudget() {
        var simulation = SchedulerSimulation(scheduler: scheduler(targets: 20, MonitorFixtures.configuration(jitter: 0)), latency: 0)
        _ = simulation.run(for: 1.05)
        var scheduler = simulation.scheduler
        let now = start.addingTimeInterval(1.05)
        let beforeRefresh = scheduler.dueRequests(now: now)
        #expect(beforeRefresh.isEmpty)
        // Targets 10…19 spent the budget at +1 s: the refreshed ones wait for the next window,
        // then go ahead of the round that is due with them.
        scheduler.refresh([7, 3, 42, -1], now: now)
        let refreshedAtOnce = scheduler.dueRequests(now: now)
        #expect(refreshedAtOnce.isEmpty)
        #expect(scheduler.nextWakeUp() == start.addingTimeInterval(2))
        let nextWindow = scheduler.dueRequests(now: start.addingTimeInterval(2))
        #expect(nextWindow.map(\.target) == [3, 7, 0, 1, 2, 4, 5, 6, 8, 9])
    }

    @Test func putGoesAheadOfQueuedGets() throws {
        var scheduler = scheduler(targets: 5)
        let later = start.addingTimeInterval(10) // every GET is overdue by now
        let protect = try ProtectionChange.protect(minutes: 30)
        scheduler.enqueue(protect, for: [3, 3])
        let first = scheduler.dueRequests(now: later)
        #expect(first.map(\.target) == [3, 0, 1, 2, 4])
        #expect(first.map(\.request) == [.put(protect), .get, .get, .get, .get])
    }

    @Test func putWaitsForTheTargetsGetThenGoesBeforeAnyOtherGet() throws {
        var scheduler = scheduler(targets: 3, MonitorFixtures.configuration(jitter: 0))
        let gets = scheduler.dueRequests(now: start)
        #expect(gets.map(\.target) == [0, 1, 2])
        scheduler.enqueue(.unprotect, for: [0])
        let later = start.addingTimeInterval(1)
        let whileInFlight = scheduler.dueRequests(now: later)
        #expect(whileInFlight.isEmpty, "the PUT must not go while target 0's GET is in flight")
        let events = scheduler.didFinish(gets[0], response: MonitorFixtures.success(at: later), now: later)
        #expect(events.map(\.summary) == ["done 0 GET"])
        _ = scheduler.didFinish(gets[1], response: MonitorFixtures.success(at: start), now: start)
        let next = scheduler.dueRequests(now: start.addingTimeInterval(2))
        #expect(next.map(\.target) == [0, 1])
        #expect(next.map(\.request) == [.put(.unprotect), .get])
    }

    @Test func getSentAfterAPutResponseIsDelivered() {
        var scheduler = scheduler(targets: 1, MonitorFixtures.configuration(jitter: 0))
        scheduler.enqueue(.unprotect, for: [0])
        let put = scheduler.dueRequests(now: start)
        #expect(put.first?.request == .put(.unprotect))
        let putEvents = scheduler.didFinish(put[0], response: MonitorFixtures.success(at: start), now: start)
        #expect(putEvents.map(\.summary) == ["done 0 PUT"])
        let later = start.addingTimeInterval(2)
        let get = scheduler.dueRequests(now: later)
        #expect(get.first?.request == .get)
        let getEvents = scheduler.didFinish(get[0], response: MonitorFixtures.success(at: later), now: later)
        #expect(getEvents.map(\.summary) == ["done 0 GET"])
    }

    @Test func finishingAnUnknownRequestChangesNothing() {
        var scheduler = scheduler(targets: 2)
        let get = scheduler.dueRequests(now: start)[0]
        let forged = ScheduledRequest(target: 0, request: .get, ticket: get.ticket + 100, issuedAt: start)
        let forgedEvents = scheduler.didFinish(forged, response: MonitorFixtures.success(at: start), now: start)
        #expect(forgedEvents.isEmpty)
        #expect(scheduler.isInFlight(0))
        _ = scheduler.didFinish(get, response: MonitorFixtures.success(at: start), now: start)
        let repeatedEvents = scheduler.didFinish(get, response: MonitorFixtures.success(at: start), now: start)
        #expect(repeatedEvents.isEmpty)
    }

    @Test func unusableConfigurationFallsBackInsteadOfCrashing() {
        var scheduler = PollScheduler(targetCount: 4, configuration: MonitorFixtures.configuration(interval: -1, jitter: .nan, maxRPS: 0))
        let startEvents = scheduler.start(now: start)
        #expect(startEvents == [.effectiveIntervalChanged(2)])
        let firstDue = scheduler.dueRequests(now: start)
        #expect(firstDue.count == 4, "the default budget (ten a second) lets all four out")
        var empty = PollScheduler(targetCount: 0)
        _ = empty.start(now: start)
        let emptyDue = empty.dueRequests(now: start)
        #expect(emptyDue.isEmpty)
        #expect(empty.nextWakeUp() == nil)
    }
}
