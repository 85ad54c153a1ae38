@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The visible order and the header's tally are remembered between events; they must always be
/// what a fresh computation gives.
@Suite(.utf8Locale) struct VisibleOrderTests {
    /// The same state with its remembered order thrown away (through the module-internal setter),
    /// so `visibleIDs` is computed afresh.
    private func fresh(_ state: DashboardState) -> [TargetID] {
        var copy = state
        let rows = copy.tasks
        copy.tasks = rows
        return copy.visibleIDs
    }

    @Test func rememberedOrderMatchesAFreshSortAfterEveryEvent() {
        let labels = (0..<40).map { "Svc-\(($0 * 17) % 40)" }
        var state = Fixtures.state(labels: labels, width: 120, height: 40)
        var checked = 0
        func check(_ what: String) {
            #expect(state.visibleIDs == fresh(state), "after \(what)")
            checked += 1
        }
        check("start")
        for target in 0..<40 {
            let minutes: Double? = target % 3 == 0 ? nil : Double((target * 7) % 30) + 0.5
            Fixtures.answer(&state, target, Fixtures.protection(target, enabled: minutes != nil, minutesLeft: minutes))
            check("answer \(target)")
        }
        for key in [KeyInput.character("s"), .character("s"), .character("s"), .character("s"), .character("s"), .character("I"), .character("s")] {
            Fixtures.press(&state, key)
            check("sort key")
            for second in stride(from: 0.0, through: 25 * 60, by: 150) {
                _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(second)))
                check("tick +\(second)s")
            }
        }
        Fixtures.press(&state, .character("/"), .character("e"), .character("x"), .enter)
        check("filter 'ex'")
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(40 * 60)))
        check("tick after every protection lapsed")
        #expect(checked > 80)
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
