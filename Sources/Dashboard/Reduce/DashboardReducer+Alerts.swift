import FoundationEssentials
import ProtectionCore

/// Alerts before a lapse: ``LapseWatch`` decides; the row flashes, the runtime rings and logs.
extension DashboardReducer {
    /// How long a row flashes after an alert.
    static let flashDuration: TimeInterval = 1

    /// A task's answer, for its lapse watch.
    /// The answer to a PUT that set minutes tells the watch the length asked, so its window is
    /// relative to it.
    static func watchAnswer(target: TargetID, request: ProtectionRequest, response: ProtectionResponse,
                            in state: inout DashboardState) -> [DashboardEffect] {
        guard case .protection(let protection) = response.result else { return [] }
        var watch = state.lapseWatches[target] ?? LapseWatch(policy: LapseAlertPolicy(alertBefore: state.expiringSoonThreshold))
        let expiry = state.task(target)?.expiresAt
        var period: TimeInterval?
        if case .put(let change) = request, change.enabled {
            period = TimeInterval((change.expiresInMinutes ?? ProtectionChange.defaultMinutes) * 60)
        }
        let alerts = watch.observe(enabled: protection.enabled, expiresAt: expiry, now: state.now, period: period)
        // An answer like the last changes no watch: the summary of them all then still holds.
        if state.lapseWatches[target] != watch { state.lapseWatches[target] = watch }
        return raise(alerts, for: target, in: &state)
    }

    /// A tick at `now`: the clock moves, lapse watches and flashes follow it, kept tasks are
    /// renewed. `onlyTimeMoved` is true when nothing but the clock changed: no watch had work, no
    /// flash ended and nothing was renewed (each of those changes the state, so each says no).
    static func tick(at now: Date, in state: inout DashboardState,
                     model: DashboardViewModel) -> (effects: [DashboardEffect], onlyTimeMoved: Bool) {
        state.now = now
        let (alerts, watched) = watchTick(in: &state, model: model)
        let renewals = renewKeptTasks(in: &state)
        return (alerts + renewals, !watched && renewals.isEmpty)
    }

    /// Time passed: countdowns may have entered the window or reached zero. `changed`: whether a
    /// watch had work or a flash ended.
    private static func watchTick(in state: inout DashboardState, model: DashboardViewModel) -> (effects: [DashboardEffect], changed: Bool) {
        var effects: [DashboardEffect] = []
        // Only the watches a tick changes, in target order: most ticks change none, and the view
        // model's summary usually says so without visiting any.
        let due = model.noLapseWatchDue(in: state)
            ? [] : state.lapseWatches.compactMap { $0.value.hasWork(at: state.now) ? $0.key : nil }.sorted()
        for target in due {
            guard var watch = state.lapseWatches[target] else { continue }
            let alerts = watch.tick(now: state.now)
            state.lapseWatches[target] = watch
            effects += raise(alerts, for: target, in: &state)
        }
        let flashEnded = state.flashUntil.values.contains(where: { state.now >= $0 })
        if flashEnded { state.flashUntil = state.flashUntil.filter { state.now < $0.value } }
        return (effects, !due.isEmpty || flashEnded)
    }

    /// An unprotect sent on purpose: the coming "not protected" is no lapse.
    static func watchUnprotect(_ targets: [TargetID], in state: inout DashboardState) {
        for target in targets where state.lapseWatches[target] != nil { state.lapseWatches[target]?.unprotectedOnPurpose() }
    }

    private static func raise(_ alerts: [LapseAlert], for target: TargetID, in state: inout DashboardState) -> [DashboardEffect] {
        guard !alerts.isEmpty else { return [] }
        state.flashUntil[target] = state.now.addingTimeInterval(flashDuration)
        let name = state.task(target)?.displayName ?? "task \(target)"
        for alert in alerts {
            let text = switch alert {
            case .expiring(let remaining): "protection ends in \(CountdownText.format(seconds: remaining))"
            case .lapsed: "protection lapsed"
            case .unprotectedWhileKept: "unprotected by someone else — re-protected"
            case .keepPaused: "unprotected again — keep paused"
            }
            // A lapse stays on the row until the task is protected again or the operator dismisses it.
            if alert == .lapsed, let index = state.index(of: target) { state.tasks[index].lapsedAt = state.now }
            state.status = StatusMessage("\(name): \(text)", isError: true)
            if let index = state.tasks.firstIndex(where: { $0.id == target }) {
                state.tasks[index].record(TaskActivity(at: state.now, kind: .error, text: "alert: \(text)"))
            }
        }
        return alerts.map { .alert(target, $0) }
    }
}
