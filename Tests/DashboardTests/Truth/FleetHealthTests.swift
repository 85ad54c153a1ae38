import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import TerminalUI
import Testing

/// A dashboard on two clusters in two regions, fed through the fleet's translation of each
/// cluster's events: each cluster's health on its own, counts a partition of every task.
@Suite(.utf8Locale) struct FleetHealthTests {
    private let t0 = Fixtures.t0
    private let names = ["us-west-2/demo", "us-east-1/demo"]

    private func arn(_ region: String, _ id: String) -> String { "arn:aws:ecs:\(region):123456789012:task/demo/\(id)" }

    /// Three tasks in us-west-2 (protected, protected, unprotected) and two in us-east-1, whose
    /// region went down after they had answered once.
    private func fleetState(eastDown: Bool) -> DashboardState {
        var state = DashboardState(endpoints: [], now: t0, timeZone: Fixtures.utc, width: 100, height: 16,
                                   ecsCluster: names.joined(separator: ", "))
        var table = FleetEventTable(names: names)
        func feed(_ event: TaskSourceEvent, from member: Int) {
            for translated in table.translate(event, from: member) { _ = DashboardReducer.reduce(&state, .source(translated)) }
        }
        let regions = ["us-west-2", "us-east-1"]
        let ids = [["0f6c1a2b", "1a2b3c4d", "2b3c4d5e"], ["9e8d7c6b", "8d7c6b5a"]]
        for (member, tasks) in ids.enumerated() {
            feed(.targetsAdded(tasks.enumerated().map { index, id in
                SourceTarget(id: index, label: "web/\(id)", taskArn: arn(regions[member], id), service: "web")
            }), from: member)
            feed(.monitor(.effectiveIntervalChanged(2)), from: member)
        }
        func answer(_ member: Int, _ index: Int, _ result: ProtectionResult, at: Date) {
            feed(.monitor(.responded(target: index, request: .get, response: Fixtures.response(result, at: at))), from: member)
        }
        func protection(_ member: Int, _ index: Int, minutes: Double?) -> ProtectionResult {
            .protection(TaskProtection(enabled: minutes != nil, expirationDate: minutes.map { t0.addingTimeInterval($0 * 60) },
                                       taskArn: arn(regions[member], ids[member][index])))
        }
        answer(0, 0, protection(0, 0, minutes: 55), at: t0)
        answer(0, 1, protection(0, 1, minutes: 20), at: t0)
        answer(0, 2, protection(0, 2, minutes: nil), at: t0)
        answer(1, 0, protection(1, 0, minutes: 30), at: t0)
        answer(1, 1, protection(1, 1, minutes: nil), at: t0)
        let later = t0.addingTimeInterval(12)
        if eastDown {
            let outage = ProtectionResult.error(AgentError(code: "ServiceUnavailableException", message: "Service Unavailable"))
            answer(1, 0, outage, at: later.addingTimeInterval(-10))
            answer(1, 1, outage, at: later.addingTimeInterval(-10))
        }
        // The west keeps answering.
        answer(0, 0, protection(0, 0, minutes: 55), at: later)
        answer(0, 1, protection(0, 1, minutes: 20), at: later)
        answer(0, 2, protection(0, 2, minutes: nil), at: later)
        _ = DashboardReducer.reduce(&state, .tick(later))
        return state
    }

    @Test("one region down: only its cluster is failing, and the counts still sum to the total")
    func oneRegionDown() {
        let state = fleetState(eastDown: true)
        #expect(Set(state.failingSources.keys) == ["us-east-1/demo"])
        let counts = state.counts
        #expect(counts.total == 5 && state.tasks.count == 5)
        #expect(counts.protected + counts.unprotected + counts.lapsed + counts.unknown + counts.gone == counts.total)
        #expect(counts.protected == 3 && counts.unprotected == 2 && counts.stale == 2)
        let east = state.tasks.filter { $0.sourceName == "us-east-1/demo" }
        #expect(east.count == 2 && east.allSatisfy(state.isStale))
        #expect(state.tasks.filter { $0.sourceName == "us-west-2/demo" }.allSatisfy { !state.isStale($0) })
        let header = DashboardRenderer.render(state).textLines[1]
        #expect(header.contains("us-east-1/demo failing for 10s: ServiceUnavailableException"), "\(header)")
    }

    @Test("two budgets: the header and :ctx give each its calls, against its own limit")
    func callsPerBudget() {
        var state = fleetState(eastDown: false)
        _ = DashboardReducer.reduce(&state, .source(.callRateChanged(callsPerMinute: 237)))
        _ = DashboardReducer.reduce(&state, .source(.budgetCallsChanged([
            BudgetCalls(budget: "us-west-2", perMinute: 119, calls: 119, seconds: 60),
            BudgetCalls(budget: "us-east-1", perMinute: nil, calls: 40, seconds: 21),
        ])))
        var wide = state
        _ = DashboardReducer.reduce(&wide, .resize(width: 200, height: 16))
        let header = DashboardRenderer.render(wide).textLines[1]
        #expect(header.contains("us-west-2 119 calls/min, us-east-1 40 calls in 21 s"), "\(header)")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ctx")
        Fixtures.press(&state, .enter)
        #expect(state.status?.text.contains("; calls by budget: us-west-2 119 calls/min, us-east-1 40 calls in 21 s") == true,
                "\(String(describing: state.status?.text))")
    }

    @Test("golden: two regions, both up and one down")
    func goldens() {
        GoldenFrame.check(DashboardRenderer.render(fleetState(eastDown: false)), "fleet-two-regions-100x16")
        GoldenFrame.check(DashboardRenderer.render(fleetState(eastDown: true)), "fleet-one-region-down-100x16")
    }

    @Test(":ctx lists the sources with their state, shows one, and every one again")
    func context() {
        var state = fleetState(eastDown: true)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ctx")
        Fixtures.press(&state, .enter)
        #expect(state.status?.text
                == "2 sources: us-east-1/demo 2 tasks DOWN (ServiceUnavailableException), us-west-2/demo 3 tasks up — :ctx NAME shows one, :ctx all every one")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ctx us-east")
        Fixtures.press(&state, .enter)
        #expect(state.visibleTasks.map(\.sourceName) == ["us-east-1/demo", "us-east-1/demo"])
        #expect(state.status?.text == "showing us-east-1/demo: 2 of 5 tasks (:ctx all: every source)")
        GoldenFrame.check(DashboardRenderer.render(state), "fleet-ctx-one-source-100x16")
        // The counts in the header stay those of every task.
        #expect(state.counts.total == 5)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ctx us")
        Fixtures.press(&state, .enter)
        #expect(state.status?.isError == true && state.visibleTasks.count == 2, "two names begin us: nothing changes")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ctx all")
        Fixtures.press(&state, .enter)
        #expect(state.visibleTasks.count == 5 && state.filterText.isEmpty)
    }
}
