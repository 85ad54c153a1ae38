import FoundationEssentials
import ProtectionCore
import TerminalUI

/// The actions that send PUTs (p, m, u) and their prompts. Read-only mode never gets here: the key
/// table binds these keys to a refusal (``KeyBindings/bound(readOnly:demo:)``); `send` checks
/// once more so no future path can slip a PUT past it.
extension DashboardReducer {
    /// Protect, protect for N minutes, or unprotect the marked tasks (or the selected one).
    static func startPut(_ action: KeyAction, in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        let targets = model.actionTargets(in: state)
        guard !targets.isEmpty else {
            state.status = StatusMessage("no task selected", isError: true)
            return []
        }
        switch action {
        case .protectForMinutes:
            state.overlay = .minutesPrompt(MinutesPrompt(targets: targets))
            return []
        case .unprotect where targets.count > 1:
            state.overlay = .unprotectConfirmation(targets: targets)
            return []
        case .unprotect:
            return send(.unprotect, to: targets, in: &state, model: &model)
        default:
            // protect() without minutes cannot throw; the agent applies its 120-minute default.
            guard let change = try? ProtectionChange.protect() else { return [] }
            return send(change, to: targets, in: &state, model: &model)
        }
    }

    /// Marks the rows PENDING and returns the one PUT effect carrying every target once.
    static func send(_ change: ProtectionChange, to targets: [TargetID], in state: inout DashboardState,
                     model: inout DashboardViewModel) -> [DashboardEffect] {
        guard !state.readOnly else {
            state.status = StatusMessage(KeyBinding.readOnlyRefusal(change.enabled ? "protect" : "unprotect"), isError: true)
            return []
        }
        var unique: [TargetID] = []
        for target in targets where !unique.contains(target) && state.task(target) != nil { unique.append(target) }
        guard !unique.isEmpty else { return [] }
        let description = Wording.change(change)
        // Unprotecting a kept task is an explicit decision: stop renewing it.
        if !change.enabled {
            for target in unique { state.kept[target] = nil }
            watchUnprotect(unique, in: &state)
        }
        for target in unique {
            guard let index = state.index(of: target) else { continue }
            state.tasks[index].pendingChange = change
            state.tasks[index].lastAction = ActionOutcome(change: change, sentAt: state.now)
            state.tasks[index].record(TaskActivity(at: state.now, kind: .putSent, text: "PUT \(description) sent"))
        }
        // Several tasks at once end with one summary of every outcome.
        state.bulk = unique.count > 1 ? BulkAction(change: change, targets: unique) : nil
        let who = model.targetsText(unique, in: state)
        let cleared = clearMarks(on: unique, in: &state)
        state.status = StatusMessage("\(description) sent to \(who)\(cleared)")
        return [.put(change, unique)]
    }

    /// Marks are spent by the action they chose: the next key acts on the cursor again, not on
    /// tasks out of sight. Returns what to add to the status line.
    static func clearMarks(on targets: [TargetID], in state: inout DashboardState) -> String {
        guard !state.keepMarks, targets.contains(where: state.marks.contains) else { return "" }
        state.marks.subtract(targets)
        return "; marks cleared"
    }

    // MARK: Minutes prompt and confirmation

    /// Enter in the minutes prompt: sends when the minutes are valid, else stays open (the prompt
    /// already says what is wrong).
    static func submitMinutes(in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        guard case .minutesPrompt(let prompt) = state.overlay, let minutes = prompt.minutes,
              let change = try? ProtectionChange.protect(minutes: minutes) else { return [] }
        state.overlay = .none
        return send(change, to: prompt.targets, in: &state, model: &model)
    }

    /// y or Enter in the unprotect confirmation.
    static func confirmUnprotect(in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        guard case .unprotectConfirmation(let targets) = state.overlay else { return [] }
        state.overlay = .none
        return send(.unprotect, to: targets, in: &state, model: &model)
    }
}
