@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The view model remembers the visible order and the header's tally between events; what it
/// remembers must always be what a fresh computation from the state gives.
@Suite(.utf8Locale) struct VisibleOrderTests {
    /// An answer goes stale after a number of poll intervals: when the budget stretches or
    /// shortens the interval, the remembered tally counts the stale tasks again.
    @Test func theRememberedStaleCountFollowsThePollInterval() {
        var state = Fixtures.state(labels: ["a", "b", "c"], width: 120, height: 40)
        var model = DashboardViewModel(state)
        for target in 0..<3 {
            let result = Fixtures.protection(target, enabled: true, minutesLeft: 60)
            _ = DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: .get, response: Fixtures.response(result))),
                                        viewModel: &model)
        }
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(60)), viewModel: &model)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(30)), viewModel: &model)
        model.settle(for: state)
        #expect(model.counts(in: state).stale == 0)
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(2)), viewModel: &model)
        model.settle(for: state)
        #expect(model.counts(in: state).stale == 3, "30 s without an answer is stale at a 2 s interval")
    }

    @Test func rememberedOrderMatchesAFreshSortAfterEveryEvent() {
        let labels = (0..<40).map { "Svc-\(($0 * 17) % 40)" }
        var state = Fixtures.state(labels: labels, width: 120, height: 40)
        var model = DashboardViewModel(state)
        var checked = 0
        var remembered = 0
        func send(_ event: DashboardEvent, _ what: String) {
            _ = DashboardReducer.reduce(&state, event, viewModel: &model)
            #expect(model.visibleIDs(in: state) == state.computeVisibleIDs(), "after \(what)")
            #expect(model.tableLines(in: state) == state.tableLines(for: state.computeVisibleIDs()), "after \(what)")
            var counts = state.tally().counts
            counts.lapsingSoon = state.lapsingSoonCount
            #expect(model.counts(in: state) == counts, "after \(what)")
            if model.remembersOrder(for: state) { remembered += 1 }
            checked += 1
        }
        for target in 0..<40 {
            let minutes: Double? = target % 3 == 0 ? nil : Double((target * 7) % 30) + 0.5
            let result = Fixtures.protection(target, enabled: minutes != nil, minutesLeft: minutes)
            send(.monitor(.responded(target: target, request: .get, response: Fixtures.response(result))), "answer \(target)")
        }
        for key in [KeyInput.character("s"), .character("s"), .character("s"), .character("s"), .character("s"), .character("I"),
                    .character("S"), .character("s")] {
            send(.key(key), "key \(key)")
            for second in stride(from: 0.0, through: 25 * 60, by: 150) {
                send(.tick(Fixtures.t0.addingTimeInterval(second)), "tick +\(second)s")
            }
        }
        for key in [KeyInput.character("/"), .character("e"), .character("x"), .enter] { send(.key(key), "filter key") }
        send(.tick(Fixtures.t0.addingTimeInterval(40 * 60)), "tick after every protection lapsed")
        #expect(checked > 80)
        // The reducer leaves the view model current after every event: no read recomputes.
        #expect(remembered == checked)
    }

    @Test func anAnswerThatMovesAnExpiryReordersTheRemainingSort() {
        var state = Fixtures.state(labels: ["a", "b", "c"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 30))
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 20))
        Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: false))
        while state.sortMode != .remaining { Fixtures.press(&state, .character("s")) }
        #expect(state.visibleIDs == [1, 0, 2])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 5))
        #expect(state.visibleIDs == [0, 1, 2])
        #expect(state.visibleTasks.map(\.id) == [0, 1, 2])
    }

    @Test func theTallyChangesWhenAProtectionLapsesWithoutAnAnswer() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 1))
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: false))
        #expect((state.counts.protected, state.counts.unprotected, state.counts.lapsed) == (1, 1, 0))
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(59.5)))
        #expect(state.counts.protected == 1)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(60.5)))
        #expect((state.counts.protected, state.counts.unprotected, state.counts.lapsed) == (0, 1, 1))
        Fixtures.answer(&state, 1, Fixtures.throttled, status: 400)
        #expect(state.counts.readProblems == 1)
        #expect(state.counts.total == 2)
    }
}
