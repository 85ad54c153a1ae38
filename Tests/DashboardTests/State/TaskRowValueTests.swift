@testable import Dashboard
import Foundation
import ProtectionCore
import Testing

/// A row shares its fields with its copies until one of them changes: each copy still behaves as
/// a value of its own.
@Suite struct TaskRowValueTests {
    private static func row() -> TaskRow {
        TaskRow(id: 3, endpoint: Fixtures.endpoint("web-1", id: "task3-0123456789abcdef"))
    }

    @Test func aChangeToACopyLeavesTheOriginalAsItWas() {
        let original = Self.row()
        var copy = original
        copy.service = "web"
        copy.gone = true
        copy.httpStatus = 503
        copy.record(TaskActivity(at: Fixtures.t0, kind: .error, text: "one"))
        #expect(original.service == nil)
        #expect(!original.gone)
        #expect(original.httpStatus == nil)
        #expect(original.activity.isEmpty)
        #expect(copy.service == "web" && copy.gone && copy.httpStatus == 503)
        #expect(copy.activity.map(\.text) == ["one"])
        #expect(copy != original)
    }

    @Test func aChangeToTheOriginalLeavesACopyAsItWas() {
        var original = Self.row()
        original.taskArn = Fixtures.arn("A")
        let copy = original
        original.taskArn = Fixtures.arn("B")
        original.lastAction = ActionOutcome(change: Fixtures.defaultProtect, sentAt: Fixtures.t0)
        #expect(copy.taskArn == Fixtures.arn("A"))
        #expect(copy.lowercasedArn == Fixtures.arn("A").lowercased())
        #expect(copy.lastAction == nil)
        #expect(original.lowercasedArn == Fixtures.arn("B").lowercased())
    }

    @Test func rowsBuiltApartCompareByTheirFields() {
        var first = Self.row(), second = Self.row()
        #expect(first == second)
        first.hint = "check the role"
        #expect(first != second)
        second.hint = "check the role"
        #expect(first == second)
    }

    @Test func aChangeInPlaceThroughTheStatesArrayReachesOnlyThatState() {
        var state = Fixtures.state()
        let before = state
        state.tasks[0].lapsedAt = Fixtures.t0
        state.tasks[0].record(TaskActivity(at: Fixtures.t0, kind: .error, text: "alert"))
        #expect(before.tasks[0].lapsedAt == nil)
        #expect(before.tasks[0].activity.isEmpty)
        #expect(state.tasks[0].lapsedAt == Fixtures.t0)
        #expect(state.tasks[0].activity.count == 1)
        #expect(state.tasks[1] == before.tasks[1])
    }

    @Test func historyKeepsTheNewestLinesUpToTheLimit() {
        var row = Self.row()
        for index in 0..<(TaskRow.activityLimit + 5) {
            row.record(TaskActivity(at: Fixtures.t0.addingTimeInterval(Double(index)), kind: .error, text: "\(index)"))
        }
        #expect(row.activity.count == TaskRow.activityLimit)
        #expect(row.activity.first?.text == "\(TaskRow.activityLimit + 4)")
        #expect(row.activity.last?.text == "5")
    }
}
