@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Rows grouped by service (`S`): groups A to Z with a header of counts each, the sort within a
/// group, the selection moving over tasks only, and the golden frames of a grouped table.
@Suite(.utf8Locale) struct GroupByServiceTests {
    private static func state(width: Int = 80, height: Int = 24) -> DashboardState {
        ServiceFixtures.state(tasks: [
            .init(service: "web", taskDefinition: "web:3", minutesLeft: 30),
            .init(service: "api", taskDefinition: "api:7", minutesLeft: nil),
            .init(service: "web", taskDefinition: "web:3", minutesLeft: 10),
            .init(service: "api", taskDefinition: "api:7", minutesLeft: 90),
            .init(service: "worker", taskDefinition: "worker:1", minutesLeft: 5),
        ], services: [], width: width, height: height)
    }

    @Test func groupsComeInServiceOrderEachWithItsCountsAndTheSortWithin() {
        var state = Self.state()
        while state.sortMode != .remaining { Fixtures.press(&state, .character("s")) }
        Fixtures.press(&state, .character("S"))
        #expect(state.groupByService)
        let lines = state.tableLines
        #expect(lines.count == 8, "three headers and five tasks")
        guard case .group("api", 2, let apiStates) = lines[0] else { Issue.record("no api header first: \(lines[0])"); return }
        #expect(apiStates.map(\.1) == [1, 1])
        #expect(lines[1] == .task(3) && lines[2] == .task(1), "within api: 90 minutes left, then the unprotected task last")
        #expect(lines[4] == .task(2) && lines[5] == .task(0), "within web: 10 minutes before 30")
        #expect(state.visibleIDs == [3, 1, 2, 0, 4])
        Fixtures.press(&state, .character("I"))
        #expect(state.visibleIDs == [3, 1, 0, 2, 4], "reversed within each group, groups still A to Z")
        Fixtures.press(&state, .character("g"), .character("j"), .character("j"))
        #expect(state.selection == 0, "j moves over tasks only, across a group header")
        Fixtures.press(&state, .character("S"))
        #expect(!state.groupByService && state.tableLines.allSatisfy { $0.taskID != nil })
    }

    @Test func aGroupedTableAt80And160Columns() {
        for (width, height) in [(80, 24), (160, 45)] {
            var state = Self.state(width: width, height: height)
            Fixtures.press(&state, .character("S"))
            let text = DashboardRenderer.render(state).textLines
            #expect(text.contains { $0.contains("api: 2 tasks, 1 PROTECTED, 1 UNPROTECTED") }, "\(width)")
            #expect(text.contains { $0.contains("worker: 1 task, 1 EXPIRING") }, "\(width)")
            #expect(text[1].contains("by service"))
            GoldenFrame.check(DashboardRenderer.render(state), "grouped-\(width)x\(height)")
        }
    }
}
