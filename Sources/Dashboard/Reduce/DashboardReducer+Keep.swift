import Foundation
import ProtectionCore

/// Keep protected (`K`): renewals due by ``KeepProtectedPolicy``, sent as PUTs like any other.
extension DashboardReducer {
    /// `K`: keeps the action targets protected, or stops keeping them when all already are.
    static func toggleKeep(in state: inout DashboardState) -> [DashboardEffect] {
        let targets = state.actionTargets
        guard !targets.isEmpty else {
            state.status = StatusMessage("no task selected", isError: true)
            return []
        }
        guard !state.readOnly else {
            state.status = StatusMessage("read-only: keep protected is disabled", isError: true)
            return []
        }
        if targets.allSatisfy({ state.kept[$0] != nil }) {
            for target in targets { state.kept[target] = nil }
            state.status = StatusMessage("no longer kept: \(who(targets, in: state)) (protection runs out on its own)")
            return []
        }
        for target in targets where state.kept[target] == nil {
            // Start from the confirmed expiry so a task with plenty left is not renewed at once.
            state.kept[target] = KeepProtectedState(expiresAt: state.task(target).flatMap(state.localExpiry(of:)))
        }
        state.status = StatusMessage("keeping \(who(targets, in: state)) protected: renewed for \(state.keepPolicy.periodMinutes)m "
                                     + "with \(CountdownText.format(seconds: state.keepPolicy.lead)) left")
        return renewKeptTasks(in: &state)
    }

    /// One PUT for every kept task whose renewal is due and that has no PUT of its own in flight.
    static func renewKeptTasks(in state: inout DashboardState) -> [DashboardEffect] {
        guard !state.kept.isEmpty, !state.readOnly,
              let change = try? ProtectionChange.protect(minutes: state.keepPolicy.periodMinutes) else { return [] }
        var due: [TargetID] = []
        for target in state.kept.keys.sorted() {
            guard let keep = state.kept[target], let index = state.tasks.firstIndex(where: { $0.id == target }),
                  state.tasks[index].pendingChange == nil,
                  state.keepPolicy.decide(keep, now: state.now) == .renewNow else { continue }
            state.kept[target]?.renewalSent()
            state.tasks[index].pendingChange = change
            state.tasks[index].record(TaskActivity(at: state.now, kind: .putSent, text: "PUT \(Wording.change(change)) sent (keep protected)"))
            due.append(target)
        }
        return due.isEmpty ? [] : [.renew(change, due)]
    }

    /// A kept task's answer: a renewal confirmed or failed, or a newer expiry seen by a poll.
    static func noteKeepAnswer(target: TargetID, request: ProtectionRequest, response: ProtectionResponse,
                               in state: inout DashboardState) {
        guard var keep = state.kept[target] else { return }
        let expiry: Date? = if case .protection(let protection) = response.result, protection.enabled {
            protection.expirationDate?.addingTimeInterval(-state.clockOffset)
        } else { nil }
        if case .put = request, keep.renewalPending {
            if let expiry { keep.renewalConfirmed(expiresAt: expiry) } else { keep.renewalFailed(at: state.now) }
        } else if let expiry {
            keep.expiresAt = expiry
        }
        state.kept[target] = keep
    }

    private static func who(_ targets: [TargetID], in state: DashboardState) -> String {
        targets.count == 1 ? (state.task(targets[0])?.displayName ?? "1 task") : Wording.tasks(targets.count)
    }
}
