import Foundation
import ProtectionCore
import Testing

@Suite("A fleet's events: members' tasks under fleet ids, named for their source, figures combined")
struct FleetEventTableTests {
    private func target(_ id: TargetID, _ label: String, service: String? = "web") -> SourceTarget {
        SourceTarget(id: id, label: label, service: service)
    }

    private func added(_ events: [TaskSourceEvent]) -> [SourceTarget] {
        events.flatMap { event -> [SourceTarget] in
            if case .targetsAdded(let targets) = event { return targets }
            return []
        }
    }

    @Test("members' ids become distinct fleet ids, and every event about a task carries its fleet id")
    func ids() {
        var table = FleetEventTable(names: ["us-east-1/web", "eu-west-1/web"])
        let first = added(table.translate(.targetsAdded([target(0, "web/aaa"), target(1, "web/bbb")]), from: 0))
        let second = added(table.translate(.targetsAdded([target(0, "web/ccc")]), from: 1))
        #expect(first.map(\.id) == [0, 1] && second.map(\.id) == [2])
        #expect(first.map(\.source) == ["us-east-1/web", "us-east-1/web"] && second.map(\.source) == ["eu-west-1/web"])
        #expect(second.map(\.label) == ["eu-west-1/web web/ccc"] && second.map(\.service) == ["eu-west-1/web web"])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let response = ProtectionResponse(result: .protection(TaskProtection(enabled: false, expirationDate: nil, taskArn: "t")),
                                          httpStatus: 200, serverDate: now, sentAt: now, receivedAt: now)
        #expect(table.translate(.monitor(.responded(target: 0, request: .get, response: response)), from: 1)
                == [.monitor(.responded(target: 2, request: .get, response: response))])
        #expect(table.translate(.targetsGone([1]), from: 0) == [.targetsGone([1])])
        #expect(table.translate(.targetsRemoved([1]), from: 0) == [.targetsRemoved([1])])
        // A removed task's id is not reused, and events about it after removal are dropped.
        #expect(table.translate(.monitor(.requestStarted(target: 1, request: .get, at: Date())), from: 0) == [])
        #expect(added(table.translate(.targetsAdded([target(7, "web/ddd")]), from: 0)).map(\.id) == [3])
        // Fleet ids go back to each member's own.
        let split = table.split([3, 2, 0, 99])
        #expect(split.map(\.member) == [0, 1] && split.map(\.ids) == [[7, 0], [0]])
    }

    @Test("one member: labels and services stay as they are")
    func single() {
        var table = FleetEventTable(names: ["web"])
        let targets = added(table.translate(.targetsAdded([target(5, "web/aaa")]), from: 0))
        #expect(targets.map(\.label) == ["web/aaa"] && targets.map(\.service) == ["web"] && targets.map(\.source) == ["web"])
    }

    @Test("the interval is the longest member's; the call rate the members' sum once each has one")
    func figures() {
        var table = FleetEventTable(names: ["a", "b"])
        #expect(table.translate(.monitor(.effectiveIntervalChanged(2)), from: 0) == [.monitor(.effectiveIntervalChanged(2))])
        #expect(table.translate(.monitor(.effectiveIntervalChanged(5)), from: 1) == [.monitor(.effectiveIntervalChanged(5))])
        #expect(table.translate(.monitor(.effectiveIntervalChanged(3)), from: 0) == [])
        #expect(table.translate(.callsCounted(calls: 4, seconds: 10), from: 0) == [.callsCounted(calls: 4, seconds: 10)])
        #expect(table.translate(.callsCounted(calls: 6, seconds: 11), from: 1) == [.callsCounted(calls: 10, seconds: 11)])
        #expect(table.translate(.callRateChanged(callsPerMinute: 150), from: 0) == [.callsCounted(calls: 156, seconds: 60)])
        #expect(table.translate(.callRateChanged(callsPerMinute: 90.5), from: 1) == [.callRateChanged(callsPerMinute: 240.5)])
        #expect(table.callRates == [150, 90.5])
    }

    @Test("on several budgets, each budget's calls: its clusters' rates summed, counted until each has a minute")
    func budgets() {
        var table = FleetEventTable(names: ["us-west-2/a", "us-west-2/b", "us-east-1/a"], budgets: ["us-west-2", "us-west-2", "us-east-1"])
        #expect(table.translate(.callsCounted(calls: 10, seconds: 20), from: 0) == [
            .callsCounted(calls: 10, seconds: 20),
            .budgetCallsChanged([BudgetCalls(budget: "us-west-2", perMinute: nil, calls: 10, seconds: 20),
                                 BudgetCalls(budget: "us-east-1", perMinute: nil, calls: 0, seconds: 0)]),
        ])
        _ = table.translate(.callRateChanged(callsPerMinute: 60), from: 0)
        _ = table.translate(.callRateChanged(callsPerMinute: 59), from: 1)
        let events = table.translate(.callRateChanged(callsPerMinute: 118.4), from: 2)
        #expect(events == [
            .callRateChanged(callsPerMinute: 237.4),
            .budgetCallsChanged([BudgetCalls(budget: "us-west-2", perMinute: 119, calls: 119, seconds: 60),
                                 BudgetCalls(budget: "us-east-1", perMinute: 118.4, calls: 118, seconds: 60)]),
        ])
        // One budget for every cluster: the total says it all.
        var shared = FleetEventTable(names: ["us-west-2/a", "us-west-2/b"], budgets: ["us-west-2", "us-west-2"])
        #expect(shared.translate(.callRateChanged(callsPerMinute: 60), from: 0) == [.callsCounted(calls: 60, seconds: 60)])
    }

    @Test("services of every member, named for it; a discovery problem stays while any member has one")
    func servicesAndProblems() {
        var table = FleetEventTable(names: ["a", "b"])
        let web = ServiceStatus(name: "web", desired: 2, running: 2, pending: 0, deployments: [], events: [])
        _ = table.translate(.servicesRead([web]), from: 0)
        #expect(table.translate(.servicesRead([web]), from: 1) == [.servicesRead([
            ServiceStatus(name: "a web", desired: 2, running: 2, pending: 0, deployments: [], events: []),
            ServiceStatus(name: "b web", desired: 2, running: 2, pending: 0, deployments: [], events: []),
        ])])
        let down = AgentError(code: "ServiceUnavailableException", message: "Service Unavailable")
        #expect(table.translate(.discoveryFailed(down, hint: nil), from: 1)
                == [.discoveryFailed(AgentError(code: "ServiceUnavailableException", message: "b: Service Unavailable"), hint: nil)])
        _ = table.translate(.discoveryFailed(down, hint: "wait"), from: 0)
        // a recovers, b still fails: the problem stays, named for b.
        #expect(table.translate(.discoveryRecovered, from: 0)
                == [.discoveryFailed(AgentError(code: "ServiceUnavailableException", message: "b: Service Unavailable"), hint: nil)])
        #expect(table.translate(.discoveryRecovered, from: 1) == [.discoveryRecovered])
    }
}
