import FoundationEssentials
import ProtectionCore

/// Keep protected (`K`): renewals due by ``KeepProtectedPolicy``, sent as PUTs like any other.
extension DashboardReducer {
    /// `K`: keeps the action targets protected, or stops keeping them when all already are.
    static func toggleKeep(in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        let targets = model.actionTargets(in: state)
        guard !targets.isEmpty else {
            state.status = StatusMessage("no task selected", isError: true)
            return []
        }
        guard !state.readOnly else {
            state.status = StatusMessage(KeyBinding.readOnlyRefusal("keep protected"), isError: true)
            return []
        }
        if targets.allSatisfy({ state.kept[$0] != nil && state.kept[$0]?.paused == false }) {
            for target in targets { state.kept[target] = nil }
            let who = model.targetsText(targets, in: state)
            let cleared = clearMarks(on: targets, in: &state)
            state.status = StatusMessage("no longer kept: \(who) (protection runs out on its own)\(cleared)")
            return []
        }
        for target in targets where state.kept[target] == nil || state.kept[target]?.paused == true {
            // Start from the confirmed expiry so a task with plenty left is not renewed at once.
            state.kept[target] = KeepProtectedState(expiresAt: state.task(target).flatMap(state.localExpiry(of:)))
        }
        let effects = renewKeptTasks(in: &state)
        // Say only what was done: a renewal sent now, or when the first one will go.
        let sentNow = effects.reduce(0) { count, effect in
            if case .renew(_, let renewed) = effect { return count + renewed.filter(targets.contains).count }
            return count
        }
        let next = targets.compactMap { state.nextRenewal(of: $0) }.min()
        let what = sentNow > 0 ? "protect \(state.keepPolicy.periodMinutes)m sent to \(Wording.tasks(sentNow))"
            : next.map { "next renewal at \(TimeText.clock($0, in: state.timeZone))" } ?? "renewal waits for the answer in flight"
        let who = model.targetsText(targets, in: state)
        let cleared = clearMarks(on: targets, in: &state)
        state.status = StatusMessage("keeping \(who) protected (renewed with "
                                     + "\(CountdownText.format(seconds: state.keepPolicy.lead)) left): \(what)\(cleared)")
        return effects
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
            state.tasks[index].lastAction = ActionOutcome(change: change, sentAt: state.now)
            state.tasks[index].record(TaskActivity(at: state.now, kind: .putSent, text: "PUT \(Wording.change(change)) sent (keep protected)"))
            due.append(target)
        }
        return due.isEmpty ? [] : [.renew(change, due)]
    }

    /// A kept task's answer: a renewal confirmed or failed, a newer expiry seen by a poll, or a
    /// read that finds the task unprotected by someone else (``defend(_:keep:in:)``).
    static func noteKeepAnswer(target: TargetID, request: ProtectionRequest, response: ProtectionResponse,
                               in state: inout DashboardState) -> [DashboardEffect] {
        guard var keep = state.kept[target], !keep.paused else { return [] }
        let protection: TaskProtection? = if case .protection(let protection) = response.result { protection } else { nil }
        let expiry = protection?.enabled == true ? state.task(target)?.expiresAt : nil
        if case .put = request, keep.renewalPending {
            if let expiry { keep.renewalConfirmed(expiresAt: expiry) } else { keep.renewalFailed(at: state.now) }
        } else if let expiry {
            keep.expiresAt = expiry
        } else if case .get = request, protection?.enabled == false, !keep.renewalPending,
                  state.task(target)?.pendingChange == nil, let confirmed = keep.expiresAt, response.receivedAt < confirmed {
            return defend(target, keep: keep, in: &state)
        }
        state.kept[target] = keep
        return []
    }

    /// A kept task found unprotected before its expiry: protect it again, once; the second time in
    /// a period keep pauses for it rather than fight whoever unprotects it on purpose.
    private static func defend(_ target: TargetID, keep: KeepProtectedState, in state: inout DashboardState) -> [DashboardEffect] {
        var keep = keep
        let name = state.task(target)?.displayName ?? "task \(target)"
        let decision = keep.foundUnprotected(at: state.now, policy: state.keepPolicy)
        state.kept[target] = keep
        let text = switch decision {
        case .reprotect: "unprotected by someone else — re-protected"
        case .pause: "unprotected again within \(state.keepPolicy.periodMinutes)m — keep paused (K resumes)"
        }
        state.status = StatusMessage("\(name): \(text)", isError: true)
        state.flashUntil[target] = state.now.addingTimeInterval(flashDuration)
        if let index = state.index(of: target) {
            state.tasks[index].record(TaskActivity(at: state.now, kind: .error, text: "keep: \(text)"))
        }
        let alert: LapseAlert = decision == .reprotect ? .unprotectedWhileKept : .keepPaused
        return [.alert(target, alert)]
    }
}
