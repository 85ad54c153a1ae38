import Dashboard
import Foundation
import ProtectionCore

/// What a session reads from its ``DashboardViewModel``, worked out afresh from the state alone:
/// the tests ask about one state at a time and keep no view model beside it.
extension DashboardState {
    var fresh: DashboardViewModel { DashboardViewModel(self) }
    var visibleIDs: [TargetID] { fresh.visibleIDs(in: self) }
    var visibleTasks: [TaskRow] { fresh.visibleTasks(in: self) }
    var counts: TaskCounts { fresh.counts(in: self) }
    var tableLines: [TableLine] { fresh.tableLines(in: self) }
    var actionTargets: [TargetID] { fresh.actionTargets(in: self) }
    var selectedVisibleIndex: Int? { fresh.selectedVisibleIndex(in: self) }
    var onScreenIDs: [TargetID] { fresh.onScreenIDs(in: self) }

    func nextScreenChange(sharing: TimeInterval = 0.04, ageLag: TimeInterval = 0.25) -> Date? {
        fresh.nextScreenChange(in: self, sharing: sharing, ageLag: ageLag)
    }

    func offScreenCount(_ targets: [TargetID]) -> Int { fresh.offScreenCount(targets, in: self) }
}
