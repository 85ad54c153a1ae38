import Foundation
import ProtectionCore

/// The keys that send PUTs (p, m, u), their prompts, and the single read-only gate.
extension DashboardReducer {
    /// Entry point for every key that could change protection. Read-only mode refuses them all
    /// here, before any prompt opens or any effect is produced.
    static func handlePutKey(_ key: KeyInput, in state: inout DashboardState) -> [DashboardEffect] {
        let action = key == .character("u") ? "unprotect" : "protect"
        guard passesReadOnlyGate(action, in: &state) else { return [] }
        let targets = state.actionTargets
        guard !targets.isEmpty else {
            state.status = StatusMessage("no task selected", isError: true)
            return []
        }
        switch key {
        case .character("m"):
            state.overlay = .minutesPrompt(MinutesPrompt(targets: targets))
            return []
        case .character("u") where targets.count > 1:
            state.overlay = .unprotectConfirmation(targets: targets)
            return []
        case .character("u"):
            return send(.unprotect, to: targets, in: &state)
        default:
            // protect() without minutes cannot throw; the agent applies its 120-minute default.
            guard let change = try? ProtectionChange.protect() else { return [] }
            return send(change, to: targets, in: &state)
        }
    }

    /// The read-only gate: false (with a status message saying why) when PUTs are disabled.
    static func passesReadOnlyGate(_ action: String, in state: inout DashboardState) -> Bool {
        guard state.readOnly else { return true }
        state.status = StatusMessage("read-only: \(action) is disabled", isError: true)
        return false
    }

    /// Marks the rows PENDING and returns the one PUT effect carrying every target once.
    static func send(_ change: ProtectionChange, to targets: [TargetID], in state: inout DashboardState) -> [DashboardEffect] {
        guard passesReadOnlyGate(change.enabled ? "protect" : "unprotect", in: &state) else { return [] }
        var unique: [TargetID] = []
        for target in targets where !unique.contains(target) && state.task(target) != nil { unique.append(target) }
        guard !unique.isEmpty else { return [] }
        let description = describe(change)
        for target in unique {
            guard let index = state.tasks.firstIndex(where: { $0.id == target }) else { continue }
            state.tasks[index].pendingChange = change
            state.tasks[index].record(TaskActivity(at: state.now, kind: .putSent, text: "PUT \(description) sent"))
        }
        let who = unique.count == 1 ? (state.task(unique[0])?.endpoint.displayName ?? "1 task") : countText(unique.count)
        state.status = StatusMessage("\(description) sent to \(who)")
        return [.put(change, unique)]
    }

    /// "protect", "protect 45m", "unprotect".
    static func describe(_ change: ProtectionChange) -> String {
        guard change.enabled else { return "unprotect" }
        return change.expiresInMinutes.map { "protect \($0)m" } ?? "protect"
    }

    // MARK: Minutes prompt and confirmation

    static func handlePromptKey(_ key: KeyInput, prompt: MinutesPrompt, in state: inout DashboardState) -> [DashboardEffect] {
        var prompt = prompt
        switch key {
        case .character(let character):
            prompt.type(character)
        case .backspace, .delete:
            prompt.deleteBackward()
        case .escape:
            state.overlay = .none
            state.status = StatusMessage("protect cancelled")
            return []
        case .enter:
            guard let minutes = prompt.minutes, let change = try? ProtectionChange.protect(minutes: minutes) else {
                // Stay open: the prompt already says what is wrong.
                break
            }
            state.overlay = .none
            return send(change, to: prompt.targets, in: &state)
        default:
            break
        }
        state.overlay = .minutesPrompt(prompt)
        return []
    }

    static func handleConfirmationKey(_ key: KeyInput, targets: [TargetID], in state: inout DashboardState) -> [DashboardEffect] {
        switch key {
        case .character("y"), .character("Y"), .enter:
            state.overlay = .none
            return send(.unprotect, to: targets, in: &state)
        case .character("n"), .character("N"), .escape:
            state.overlay = .none
            state.status = StatusMessage("unprotect cancelled")
        default:
            break
        }
        return []
    }
}
