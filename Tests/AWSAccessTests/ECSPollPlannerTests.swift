@testable import AWSAccess
import Foundation
import ProtectionCore
import Testing

/// The ECS API source's scheduling, without I/O: batches, budget, PUT rules, discovery changes.
@Suite struct ECSPollPlannerTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func planner(tasks: Int, interval: Double = 10, maxRPS: Double = 10) -> ECSPollPlanner {
        var planner = ECSPollPlanner(configuration: ECSMonitorConfiguration(
            polling: MonitorConfiguration(pollInterval: interval, jitter: 0, maxRequestsPerSecond: maxRPS)))
        planner.start(now: start)
        #expect(planner.dueWork(now: start) == [.discover])
        let found = (0..<tasks).map { DiscoveredTask(name: "arn:aws:ecs:r:1:task/c/\($0)", service: "web", label: "web/\($0)") }
        _ = planner.discoveryFinished(.success(.init(tasks: found, labelProblem: nil)), now: start)
        return planner
    }

    private func targets(_ work: [ECSPollPlanner.Work]) -> [[TargetID]] {
        work.compactMap { item in
            switch item {
            case .get(_, let targets), .put(_, _, let targets): targets
            case .discover: nil
            }
        }
    }

    @Test(arguments: [(100, [100]), (101, [100, 1]), (250, [100, 100, 50])])
    func readsAreBatchedByAHundredWithinTheBudget(tasks: Int, sizes: [Int]) {
        var planner = planner(tasks: tasks, maxRPS: 1)
        var batches: [[TargetID]] = []
        for second in 0..<sizes.count {
            batches += targets(planner.dueWork(now: start.addingTimeInterval(Double(second))))
        }
        #expect(batches.map(\.count) == sizes, "one call per second at --max-rps 1")
        #expect(Set(batches.joined()).count == tasks)
        #expect(planner.effectiveInterval == max(10, Double(sizes.count)))
    }

    @Test func aThousandTasksAtTenSecondsCostOneCallPerSecond() {
        let planner = planner(tasks: 1000, interval: 10, maxRPS: 10)
        #expect(planner.effectiveInterval == 10)
        let stretched = self.planner(tasks: 1000, interval: 10, maxRPS: 0.5)
        #expect(stretched.effectiveInterval == 20, "10 calls per round at 0.5 calls/s")
    }

    @Test(arguments: [(10, [10]), (11, [10, 1])])
    func updatesAreBatchedByTenWithoutWaitingForTheBudget(tasks: Int, sizes: [Int]) throws {
        var planner = planner(tasks: tasks, maxRPS: 0.1)
        let polls = planner.dueWork(now: start)
        for case .get(_, let ids) in polls {
            _ = planner.didFinish(polls[0], responses: Dictionary(uniqueKeysWithValues: ids.map { ($0, Self.ok) }), now: start)
        }
        planner.enqueue(try .protect(minutes: 5), for: Array(0..<tasks))
        let puts = planner.dueWork(now: start.addingTimeInterval(0.1))
        #expect(targets(puts).map(\.count) == sizes)
        #expect(puts.allSatisfy { if case .put(_, let change, _) = $0 { change == (try? .protect(minutes: 5)) } else { false } })
    }

    @Test func aTaskHasOnePutInFlightAndOneQueuedTheLatestWins() throws {
        var planner = planner(tasks: 2, maxRPS: 100)
        let poll = planner.dueWork(now: start)
        #expect(targets(poll) == [[0, 1]])
        // The poll is in flight: PUTs wait for it, and a newer intent replaces the queued one.
        planner.enqueue(try .protect(), for: [0])
        planner.enqueue(.unprotect, for: [0])
        #expect(planner.dueWork(now: start).isEmpty)
        #expect(planner.queuedChange(for: 0) == .unprotect)
        _ = planner.didFinish(poll[0], responses: [0: Self.ok, 1: Self.ok], now: start)
        let put = planner.dueWork(now: start)
        #expect(put.count == 1)
        guard case .put(_, let change, let ids) = put.first else { Issue.record("\(put)"); return }
        #expect(change == .unprotect && ids == [0])
        // While it is in flight, more keys queue one PUT; task 0 sits out polling rounds.
        planner.enqueue(try .protect(minutes: 9), for: [0])
        planner.enqueue(try .protect(minutes: 7), for: [0])
        let later = planner.dueWork(now: start.addingTimeInterval(10))
        #expect(targets(later) == [[1]], "task 0 is busy")
        _ = planner.didFinish(put[0], responses: [0: Self.ok], now: start.addingTimeInterval(10))
        let next = planner.dueWork(now: start.addingTimeInterval(10))
        guard case .put(_, let latest, [0]) = next.first else { Issue.record("\(next)"); return }
        #expect(latest == (try .protect(minutes: 7)))
    }

    @Test func stoppedTasksAreGoneThenRemovedAndNewOnesPolledAtOnce() {
        var planner = planner(tasks: 3)
        let later = start.addingTimeInterval(30)
        let found = [0, 2, 3].map { DiscoveredTask(name: "arn:aws:ecs:r:1:task/c/\($0)", service: "web", label: "web/\($0)") }
        let events = planner.discoveryFinished(.success(.init(tasks: found, labelProblem: nil)), now: later)
        #expect(events.contains(.targetsAdded([SourceTarget(id: 3, label: "web/3", taskArn: "arn:aws:ecs:r:1:task/c/3", service: "web")])))
        #expect(events.contains(.targetsGone([1])))
        #expect(planner.removeExpired(now: later.addingTimeInterval(29)).isEmpty)
        #expect(planner.removeExpired(now: later.addingTimeInterval(31)) == [.targetsRemoved([1])])
        #expect(planner.targets.map(\.id) == [0, 2, 3])
    }

    @Test func aThrottledRoundBacksOffAndAGoodOneResets() {
        var planner = planner(tasks: 150, interval: 1, maxRPS: 100)
        let round = planner.dueWork(now: start)
        #expect(targets(round).map(\.count) == [100], "the second call waits for its slot")
        let throttled = ProtectionResponse(result: .error(AgentError(code: "ThrottlingException", message: "Rate exceeded")),
                                           httpStatus: 400, serverDate: nil, sentAt: start, receivedAt: start)
        let ids = targets(round)[0]
        _ = planner.didFinish(round[0], responses: Dictionary(uniqueKeysWithValues: ids.map { ($0, throttled) }), now: start)
        let wake = planner.nextWakeUp()
        #expect(wake.map { $0 >= start.addingTimeInterval(2) } == true, "backoffInitial 2 s, not the 1 s interval")
        #expect(targets(planner.dueWork(now: start.addingTimeInterval(1.5))).isEmpty)
    }

    @Test func aFailedDiscoveryKeepsTheTasksAndItsRecoveryIsReported() {
        var planner = planner(tasks: 2)
        let later = start.addingTimeInterval(30)
        let denied = ECSTaskDiscovery.Failure(operation: "ListTasks", error: .service(AWSServiceError(
            code: "AccessDeniedException", message: "not authorized", requestID: "r-1", httpStatus: 400)))
        let failed = planner.discoveryFinished(.failure(denied), now: later)
        guard case .discoveryFailed(let error, let hint)? = failed.first else { Issue.record("\(failed)"); return }
        #expect(error.code == "AccessDeniedException" && error.message == "ListTasks: not authorized")
        #expect(hint == "allow ecs:ListTasks in the IAM policy of your credentials")
        #expect(planner.targets.count == 2, "the last known tasks stay")
        #expect(planner.nextWakeUp().map { $0 <= later.addingTimeInterval(2) } == true, "retried soon, not in 30 s")
        let found = (0..<2).map { DiscoveredTask(name: "arn:aws:ecs:r:1:task/c/\($0)", service: "web", label: "web/\($0)") }
        let recovered = planner.discoveryFinished(.success(.init(tasks: found, labelProblem: nil)), now: later.addingTimeInterval(2))
        #expect(recovered.contains(.discoveryRecovered))
        #expect(!recovered.contains { if case .targetsAdded = $0 { true } else { false } })
    }

    @Test func aDiscoveryFailedDuringAnOutageIsRetriedAsSoonAsTheAPIAnswersAgain() {
        var planner = planner(tasks: 2, interval: 1, maxRPS: 100)
        let outage = start.addingTimeInterval(30)
        let unreachable = ECSTaskDiscovery.Failure(operation: "ListTasks", error: .service(AWSServiceError(
            code: "ServiceUnavailableException", message: "down", requestID: "r-2", httpStatus: 503)))
        // Several failures in a row push the next attempt out (up to the 30 s discovery interval).
        for attempt in 0..<5 { _ = planner.discoveryFinished(.failure(unreachable), now: outage.addingTimeInterval(Double(attempt))) }
        let recovered = outage.addingTimeInterval(6)
        let round = planner.dueWork(now: recovered)
        guard case .get(_, let ids)? = round.first(where: { if case .get = $0 { true } else { false } }) else {
            Issue.record("no poll due: \(round)"); return
        }
        _ = planner.didFinish(round.first { if case .get = $0 { true } else { false } }!, responses: Dictionary(uniqueKeysWithValues: ids.map { ($0, Self.ok) }), now: recovered)
        #expect(planner.dueWork(now: recovered).contains(.discover), "the first good answer brings discovery forward")
    }

    @Test func listedARNsThatCouldNotBeTasksAreDropped() {
        #expect(ECSTaskDiscovery.isPlausibleARN("arn:aws:ecs:us-west-2:1:task/demo/0f6c"))
        #expect(!ECSTaskDiscovery.isPlausibleARN("arn:aws:ecs:us-west-2:1:task/demo/\u{1B}[2J"))
        #expect(!ECSTaskDiscovery.isPlausibleARN("not-an-arn"))
        #expect(!ECSTaskDiscovery.isPlausibleARN("arn:" + String(repeating: "a", count: 3000)))
    }

    private static let ok = ProtectionResponse(
        result: .protection(TaskProtection(enabled: false, expirationDate: nil, taskArn: "arn")), httpStatus: 200,
        serverDate: nil, sentAt: Date(), receivedAt: Date())
}
