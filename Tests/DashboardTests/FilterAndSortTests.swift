@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The `/` filter's grammar (regular expressions over every column, `!` negation, state words
/// matched from their start, smart case), the quick views, and sorting by any column either way,
/// all through the reducer on the eight-task demo picture:
/// 0 web-1 PROTECTED 120m, 1 web-2 PROTECTED 45m, 2 web-3 EXPIRING ~4m, 3 worker-a UNPROTECTED,
/// 4 worker-b UNPROTECTED, 5 批处理-1 TASK_NOT_VALID, 6 ingest PROTECTED 30m + ThrottlingException,
/// 7 reports AccessDeniedException.
@Suite(.utf8Locale) struct FilterAndSortTests {
    private func filtered(_ text: String, state: DashboardState = Fixtures.demoState()) -> [TargetID] {
        var state = state
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, text)
        Fixtures.press(&state, .enter)
        return state.visibleIDs.sorted()
    }

    @Test func stateWordsMatchFromTheirStartSoProtectedIsNotUnprotected() {
        #expect(filtered("PROTECTED") == [0, 1, 2, 6], "an expiring task is protected too")
        #expect(filtered("PROT") == [0, 1, 2, 6])
        #expect(filtered("UNPROTECTED") == [3, 4])
        #expect(filtered("unprot") == [3, 4], "lower case matches any case")
        #expect(filtered("EXPIRING") == [2])
    }

    @Test func everyColumnIsSearchedProblemsAndLastActionsIncluded() throws {
        #expect(filtered("Thrott") == [6], "the problem code")
        #expect(filtered("rate exceeded") == [6], "the problem message")
        #expect(filtered("TASK_NOT_VALID") == [5])
        #expect(filtered("task7-0123") == [7], "the task ARN")
        #expect(filtered("worker") == [3, 4], "the label")
        var state = Fixtures.demoState()
        let selected = try #require(state.selection)
        Fixtures.press(&state, .character("p"))
        let sent = filtered("protect.*: sent$", state: state)
        #expect(sent == [selected], "the last action, as the row says it")
    }

    @Test func regularExpressionsNegationAndSmartCase() {
        #expect(filtered("^web-[13]$") == [0, 2])
        #expect(filtered("web|ingest") == [0, 1, 2, 6])
        #expect(filtered("!web") == [3, 4, 5, 6, 7])
        #expect(filtered("!^(web|worker)") == [5, 6, 7])
        #expect(filtered("Web") == [], "a capital makes the match case-sensitive")
        #expect(filtered("web") == [0, 1, 2])
        #expect(filtered("(") == [5], "not an expression: matched as text, in TASK_NOT_VALID's message '(task is stopping)'")
        #expect(filtered("!") == Array(0..<8), "a lone ! filters nothing")
    }

    @Test func aBrokenExpressionFiltersAsTextAndTheStatusSaysWhy() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "(task")
        Fixtures.press(&state, .enter)
        #expect(state.visibleIDs == [5])
        #expect(state.status?.text == "filter '(task': 1 of 8 tasks (matched as text: missing ))")
    }

    @Test func negationKeepsRowsOfEveryStateThatDoNotMatch() {
        #expect(filtered("!PROTECTED") == [3, 4, 5, 7])
    }

    @Test func quickViewsCycleThroughTheRowsThatNeedAttention() {
        var state = Fixtures.demoState()
        var seen: [QuickFilter?: [TargetID]] = [:]
        for _ in 0...QuickFilter.allCases.count {
            Fixtures.press(&state, .character("v"))
            seen[state.quickFilter] = state.visibleIDs.sorted()
        }
        #expect(seen[.failing] == [5, 6, 7])
        #expect(seen[.unprotected] == [3, 4])
        #expect(seen[.lapsed] == [])
        #expect(seen[.kept] == [])
        #expect(seen[nil] == Array(0..<8), "after the last view, every row again")
        Fixtures.press(&state, .character("K"))
        while state.quickFilter != .kept { Fixtures.press(&state, .character("v")) }
        #expect(state.visibleIDs == [state.selection].compactMap { $0 })
    }

    @Test func quickViewAndTypedFilterApplyTogether() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("v"))
        #expect(state.quickFilter == .failing)
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "!Access")
        Fixtures.press(&state, .enter)
        #expect(state.visibleIDs.sorted() == [5, 6])
    }

    @Test func sortByAnyColumnEitherWayKeepsEqualKeysInLabelOrder() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character(">"))
        #expect(state.sortMode == .service)
        Fixtures.press(&state, .character(">"))
        #expect(state.sortMode == .state)
        Fixtures.press(&state, .character(">"))
        #expect(state.sortMode == .remaining)
        #expect(state.visibleIDs == [2, 6, 1, 0, 7, 3, 4, 5])
        Fixtures.press(&state, .character("I"))
        #expect(state.sortDescending)
        #expect(state.visibleIDs == [0, 1, 6, 2, 7, 3, 4, 5], "longest first; rows without a countdown still last, by label")
        #expect(state.status?.text == "sorted by remaining time, descending")
        Fixtures.press(&state, .character("<"))
        #expect(state.sortMode == .state)
        Fixtures.press(&state, .character("<"), .character("<"))
        #expect(state.sortMode == .label)
        #expect(state.visibleIDs == [5, 4, 3, 2, 1, 0, 7, 6], "label descending")
        Fixtures.press(&state, .character("<"))
        #expect(state.sortMode == .problem)
        Fixtures.press(&state, .character("I"))
        #expect(!state.sortDescending)
        #expect(state.visibleIDs == [7, 5, 6, 0, 1, 2, 3, 4],
                "problem codes in order (AccessDenied, TASK_NOT_VALID, Throttling), then the rest by label")
    }

    @Test func unknownKeysSayHowToFindHelpAndF10Quits() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("z"))
        #expect(state.status?.text == "'z' does nothing here: ? for help")
        Fixtures.press(&state, .character("\u{202E}"))
        #expect(state.status?.text == "that key does nothing here: ? for help", "a control character is never echoed")
        #expect(Fixtures.press(&state, .function(10)) == [.quit])
        Fixtures.press(&state, .character("?"))
        #expect(Fixtures.press(&state, .function(10)) == [.quit], "F10 quits from the help too")
    }
}

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

/// The column menu (`c`): columns hidden and shown again, the room going to the others, and the
/// golden frames of a table without its EXPIRES and ANSWERED columns.
@Suite(.utf8Locale) struct ColumnMenuTests {
    @Test func hiddenColumnsLeaveTheTableAndTheirRoomGoesToTheRest() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("c"))
        #expect(state.overlay == .columnMenu(highlighted: 0))
        Fixtures.press(&state, .character("3"), .down, .down, .down, .character(" "))
        #expect(state.hiddenColumns == [.expires, .answered])
        #expect(state.status?.text == "hidden: expires, answered (to keep: hidden-columns = [\"expires\", \"answered\"] in [dashboard])")
        Fixtures.press(&state, .escape)
        let text = DashboardRenderer.render(state).textLines
        let heading = text[2]
        #expect(heading.contains("STATE") && heading.contains("REMAINING") && heading.contains("PROBLEM"))
        #expect(!heading.contains("EXPIRES") && !heading.contains("ANSWERED"))
        #expect(text.contains { $0.contains("ThrottlingException (1s): Rate exceeded") }, "the problem column has the room now")
        for (width, height) in [(80, 24), (120, 40)] {
            var sized = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&sized, .character("c"), .character("3"), .character("4"), .escape)
            GoldenFrame.check(DashboardRenderer.render(sized), "columns-hidden-\(width)x\(height)")
        }
        Fixtures.press(&state, .character("c"), .character("3"), .character("4"))
        #expect(state.hiddenColumns.isEmpty && state.status?.text == "every column shown")
    }

    @Test func everyColumnCanGoButTheLabelStays() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character("c"), .character("1"), .character("2"), .character("3"), .character("4"), .character("5"), .escape)
        let text = DashboardRenderer.render(state).textLines
        #expect(text[2].trimmingCharacters(in: .whitespaces) == "TASK")
        #expect(text.contains { $0.contains("web-1") })
    }
}
