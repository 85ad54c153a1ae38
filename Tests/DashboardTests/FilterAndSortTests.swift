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
