import Foundation
import ProtectionCore
import Synchronization

/// Turns what the dashboard's monitor reports into timeline records: every PUT sent, confirmed
/// or failed (with its reason); a task's protection changing; an error starting and ending;
/// and the operator's key actions with the local user name.
public final class MonitorTimelineRecorder: Sendable {
    private struct Known {
        var label: String
        var taskArn: String?
        var enabled: Bool?
        var problem: (code: String, since: Date)?
    }

    private let sink: any TimelineSink
    private let user: String
    /// Every target with a label so far: fixed for endpoints, learnt as a source discovers tasks.
    private let known: Mutex<[TargetID: Known]>

    /// Records for the targets labelled `labels` (by target id), into `sink`, naming `user` for actions.
    public init(labels: [String], sink: any TimelineSink, user: String = LocalUser.name) {
        self.sink = sink
        self.user = user
        known = Mutex(Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.offset, Known(label: $0.element)) }))
    }

    /// Records what a task source reports: its tasks' answers, and the tasks it finds (whose
    /// labels and ARNs later records carry). Tasks found later, as the ECS API source finds them,
    /// are recorded from then on.
    public func record(_ event: TaskSourceEvent) {
        switch event {
        case .monitor(let event):
            record(event)
        case .targetsAdded(let targets):
            known.withLock { known in
                for target in targets {
                    var entry = known[target.id] ?? Known(label: target.label)
                    entry.label = target.label
                    entry.taskArn = target.taskArn ?? entry.taskArn
                    known[target.id] = entry
                }
            }
        default:
            break
        }
    }

    /// An operator asked for `action` (e.g. `protect 120m`) on `targets`.
    public func operatorAction(_ action: String, targets: [TargetID], at time: Date = Date()) {
        for target in targets {
            guard let entry = known.withLock({ $0[target] }) else { continue }
            sink.record(TimelineRecord(time: time, taskArn: entry.taskArn, label: entry.label, kind: .operatorAction,
                                       fields: ["action": action, "user": user]))
        }
        if targets.isEmpty {
            sink.record(TimelineRecord(time: time, kind: .operatorAction, fields: ["action": action, "user": user]))
        }
    }

    /// Keep-protected renewals are about to be sent to `targets` (the PUTs themselves follow).
    public func keepRenewal(targets: [TargetID], at time: Date = Date()) {
        for target in targets { emit(target: target, time: time, kind: .keep, fields: ["renewal": "sent"]) }
    }

    /// A lapse alert fired for `target`.
    public func alert(_ alert: LapseAlert, target: TargetID, at time: Date = Date()) {
        switch alert {
        case .expiring(let remaining):
            emit(target: target, time: time, kind: .expiringSoon, fields: ["remaining": String(Int(remaining.rounded()))])
        case .lapsed:
            emit(target: target, time: time, kind: .lapse, fields: [:])
        case .unprotectedWhileKept:
            emit(target: target, time: time, kind: .keep, fields: ["defence": "re-protect", "reason": "unprotected by someone else"])
        case .keepPaused:
            emit(target: target, time: time, kind: .keep, fields: ["defence": "paused", "reason": "unprotected again within one period"])
        }
    }

    /// Records what `event` means for the timeline (GETs starting are not recorded).
    public func record(_ event: MonitorEvent) {
        switch event {
        case .requestStarted(let target, .put(let change), let time):
            var fields = ["by": "operator", "intent": change.enabled ? "protect" : "unprotect"]
            if let minutes = change.expiresInMinutes { fields["minutes"] = String(minutes) }
            emit(target: target, time: time, kind: .putSent, fields: fields)
        case .responded(let target, let request, let response):
            responded(target: target, request: request, response: response)
        default:
            break
        }
    }

    private func responded(target: TargetID, request: ProtectionRequest, response: ProtectionResponse) {
        let time = response.receivedAt
        var records: [(TimelineKind, [String: String])] = []
        let isPut = if case .put = request { true } else { false }
        known.withLock { list in
            guard var entry = list[target] else { return }
            switch response.result {
            case .protection(let protection):
                entry.taskArn = protection.taskArn
                var state = ["state": protection.enabled ? "protected" : "unprotected"]
                if protection.enabled, let expiry = protection.expirationDate { state["expires"] = TimelineRecord.timestamp(expiry) }
                if isPut { records.append((.putConfirmed, state.merging(["by": "operator"]) { $1 })) }
                if entry.enabled != protection.enabled { records.append((.state, state)) }
                entry.enabled = protection.enabled
                if let problem = entry.problem {
                    records.append((.errorEnded, ["code": problem.code, "seconds": String(format: "%.1f", time.timeIntervalSince(problem.since))]))
                    entry.problem = nil
                }
            default:
                let code = response.result.problemCode ?? "error"
                if isPut { records.append((.putFailed, ["by": "operator", "reason": code])) }
                if entry.problem?.code != code {
                    if let problem = entry.problem {
                        records.append((.errorEnded, ["code": problem.code, "seconds": String(format: "%.1f", time.timeIntervalSince(problem.since))]))
                    }
                    records.append((.errorStarted, ["code": code]))
                    entry.problem = (code, time)
                }
            }
            list[target] = entry
        }
        for (kind, fields) in records { emit(target: target, time: time, kind: kind, fields: fields) }
    }

    private func emit(target: TargetID, time: Date, kind: TimelineKind, fields: [String: String]) {
        guard let entry = known.withLock({ $0[target] }) else { return }
        sink.record(TimelineRecord(time: time, taskArn: entry.taskArn, label: entry.label, kind: kind, fields: fields))
    }
}
