import FoundationEssentials
import GameDay
import ProtectionCore

/// `get`, `protect` and `unprotect` with `--events`: what each target was asked and answered, as a
/// drill's records. A change is an operator action with its outcome (`put.confirmed`, or
/// `put.failed` with the reason: ThrottlingException, AccessDeniedException, TASK_NOT_VALID,
/// DEPLOYMENT_BLOCKED, …); a read is the state it saw.
public enum OneShotRecording {
    /// Records `reports` into `sink`, naming `user` for the actions.
    public static func record(_ reports: [TargetReport], into sink: any TimelineSink, user: String = LocalUser.name) {
        for report in reports {
            let arn = report.taskArn, label = report.targetName
            func record(_ kind: TimelineKind, at time: Date, _ fields: [String: String]) {
                sink.record(TimelineRecord(time: time, taskArn: arn, label: label, kind: kind, fields: fields))
            }
            let response = report.response
            var state: [String: String] = [:]
            if case .protection(let protection) = response.result {
                state["state"] = protection.enabled ? "protected" : "unprotected"
                if protection.enabled, let expiry = protection.expirationDate { state["expires"] = TimelineRecord.timestamp(expiry) }
            }
            switch report.request {
            case .get:
                if !state.isEmpty { record(.state, at: response.receivedAt, state) }
            case .put(let change):
                let action = change.enabled ? "protect \(change.expiresInMinutes ?? ProtectionChange.defaultMinutes)m" : "unprotect"
                record(.operatorAction, at: response.sentAt, ["action": action, "user": user])
                var sent = ["by": "operator", "intent": change.enabled ? "protect" : "unprotect"]
                if let minutes = change.expiresInMinutes { sent["minutes"] = String(minutes) }
                record(.putSent, at: response.sentAt, sent)
                if state.isEmpty {
                    record(.putFailed, at: response.receivedAt, ["by": "operator", "reason": response.result.problemCode ?? "error"])
                } else {
                    record(.putConfirmed, at: response.receivedAt, state.merging(["by": "operator"]) { $1 })
                }
            }
        }
    }
}
