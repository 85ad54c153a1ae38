import FoundationEssentials
import ProtectionCore
import Synchronization

/// Turns what the dashboard's monitor reports into timeline records: every PUT sent, confirmed
/// or failed (with its reason, and whether an operator or keep-protected sent it); a task's
/// protection or expiry changing; an error starting and ending; tasks found and lost; alerts;
/// and the operator's key actions with the local user name. An answer that says what the task's
/// previous answer said is only counted into a ``TimelineKind/heartbeat``.
public final class MonitorTimelineRecorder: Sendable {
    private struct Known {
        var label: String
        /// The agent URI, for an endpoint target.
        var endpoint: String? = nil
        var taskArn: String?
        var enabled: Bool?
        var expiresAt: Date?
        var problem: (code: String, since: Date)?
        /// What the last answer said, to tell a repeat from news.
        var lastAnswer: String?
        /// The next PUT's answer is a keep-protected renewal's.
        var renewalPending = false
        /// Its `task.added` is written (at discovery, or for an endpoint at its first answer, once
        /// the answer names its ARN), so a heartbeat's target ids can be told apart.
        var announced = false
    }

    private struct Heartbeats {
        /// Each repeated answer not yet written: when it arrived, the `Date` it carried, and when
        /// the dashboard took it in.
        var answers: [TargetID: RepeatedAnswer] = [:]
        /// The earliest repeated answer not yet written (a task answering twice keeps its first here).
        var since: Date?
        var lastFlush: Date?
    }

    private let sink: any TimelineSink
    private let user: String
    /// Every target with a label so far: fixed for endpoints, learnt as a source discovers tasks.
    private let known: Mutex<[TargetID: Known]>
    private let heartbeats = Mutex(Heartbeats())
    /// The code discovery last failed with, while it fails: a failure repeated each round is one outage.
    private let discoveryProblem = Mutex<String?>(nil)
    /// Service events already written (by ECS's id), and since when events are written at all.
    private let serviceEvents = Mutex<(seen: Set<String>, since: Date?)>(([], nil))
    /// Each service's state as last written (events aside), so only a change is written.
    private let serviceStates = Mutex<[String: [String: String]]>([:])
    /// On the first read of the services, the events ECS wrote this long before it are written
    /// too (what led up to the start); older ones are history, not the drill's.
    public static let serviceEventLookback: TimeInterval = 300
    /// How often repeated answers are summed up in one heartbeat.
    public static let heartbeatInterval: TimeInterval = 1

    /// Records for the targets labelled `labels` (by target id), into `sink`, naming `user` for
    /// actions; `endpoints`, the agent URIs of endpoint targets by the same ids, go into their
    /// `task.added` records (a replay shows where each task was).
    public init(labels: [String], endpoints: [String] = [], sink: any TimelineSink, user: String = LocalUser.name) {
        self.sink = sink
        self.user = user
        known = Mutex(Dictionary(uniqueKeysWithValues: labels.enumerated().map { index, label in
            (index, Known(label: label, endpoint: endpoints.indices.contains(index) ? endpoints[index] : nil))
        }))
    }

    /// Records what a task source reports: its tasks' answers, the tasks it finds and loses (whose
    /// labels and ARNs later records carry), and its health. Tasks found later, as the ECS API
    /// source finds them, are recorded from then on. `takenInAt` is when the dashboard took the
    /// event in (``record(_:takenInAt:)``).
    public func record(_ event: TaskSourceEvent, at time: Date = Date(), takenInAt: Date? = nil) {
        switch event {
        case .monitor(let event):
            record(event, takenInAt: takenInAt)
        case .targetsAdded(let targets):
            known.withLock { known in
                for target in targets {
                    var entry = known[target.id] ?? Known(label: target.label)
                    entry.label = target.label
                    entry.taskArn = target.taskArn ?? entry.taskArn
                    entry.announced = true
                    known[target.id] = entry
                }
            }
            // With its lifecycle, when the source knows it (the ECS API): a replay's row shows it too.
            for target in targets {
                var fields = target.lifecycle.map(LifecycleFields.of) ?? [:]
                if fields["service"] == nil { fields["service"] = target.service }
                fields["id"] = String(target.id)
                emit(target: target.id, time: time, kind: .taskAdded, fields: fields)
            }
        case .targetsGone(let targets):
            // The ECS API lists the task as stopped: its row shows GONE until it is removed.
            for target in targets { emit(target: target, time: time, kind: .taskGone, fields: ["id": String(target)]) }
        case .targetsRemoved(let targets):
            for target in targets { emit(target: target, time: time, kind: .taskRemoved, fields: ["id": String(target)]) }
            known.withLock { known in for target in targets { known[target] = nil } }
        case .discoveryFailed(let error, _):
            let changed = discoveryProblem.withLock { problem in
                defer { problem = error.code }
                return problem != error.code
            }
            if changed { sink.record(TimelineRecord(time: time, kind: .sourceHealth, fields: ["health": "down", "code": error.code])) }
        case .discoveryRecovered:
            let wasDown = discoveryProblem.withLock { problem in
                defer { problem = nil }
                return problem != nil
            }
            if wasDown { sink.record(TimelineRecord(time: time, kind: .sourceHealth, fields: ["health": "up"])) }
        case .servicesRead(let services):
            recordServiceStates(services, at: time)
            recordServiceEvents(services, at: time)
        case .lifecyclesChanged(let lifecycles):
            for (target, lifecycle) in lifecycles.sorted(by: { $0.key < $1.key }) {
                var fields = LifecycleFields.of(lifecycle)
                fields["id"] = String(target)
                if known.withLock({ $0[target]?.enabled }) == true { fields["protected"] = "yes" }
                emit(target: target, time: time, kind: .taskStopping, fields: fields)
            }
        default:
            break
        }
    }

    /// Writes the state of each service that changed since it was last written.
    private func recordServiceStates(_ services: [ServiceStatus], at time: Date) {
        let changed = serviceStates.withLock { written in
            services.map(ServiceStateFields.of).filter { fields in
                guard let name = fields["service"], written[name] != fields else { return false }
                written[name] = fields
                return true
            }
        }
        for fields in changed { sink.record(TimelineRecord(time: time, kind: .serviceState, fields: fields)) }
    }

    /// Writes each service event not written before, oldest first.
    private func recordServiceEvents(_ services: [ServiceStatus], at time: Date) {
        let fresh: [(service: String, event: ServiceStatus.Event)] = serviceEvents.withLock { state in
            let since = state.since ?? time.addingTimeInterval(-Self.serviceEventLookback)
            state.since = since
            // ECS answers at most 100 events a service: ids older than those cannot come back.
            if state.seen.count > 50_000 {
                state.seen = Set(services.flatMap { service in service.events.map { service.name + "#" + $0.id } })
            }
            var fresh: [(service: String, event: ServiceStatus.Event)] = []
            for service in services {
                for event in service.events where event.createdAt >= since && state.seen.insert(service.name + "#" + event.id).inserted {
                    fresh.append((service.name, event))
                }
            }
            return fresh
        }
        for (service, event) in fresh.sorted(by: { $0.event.createdAt < $1.event.createdAt }) {
            sink.record(TimelineRecord(time: time, kind: .serviceEvent, fields: [
                "service": service, "id": event.id, "created": TimelineRecord.timestamp(event.createdAt), "message": event.message,
                "concerns": event.concernsProtection ? "yes" : "no",
            ]))
        }
    }

    /// Records the agent endpoints watched from the start (`task.watched`), before any answer: a
    /// replay shows their rows as the screen did, answered or not. Names go in a field, not as a
    /// label: the review keys tasks by what answered.
    public func watching(at time: Date = Date()) {
        let endpoints = known.withLock { known in
            known.compactMap { id, entry in entry.endpoint.map { (id: id, name: entry.label, endpoint: $0) } }
        }
        for entry in endpoints.sorted(by: { $0.id < $1.id }) {
            sink.record(TimelineRecord(time: time, kind: .taskWatched,
                                       fields: ["id": String(entry.id), "name": entry.name, "endpoint": entry.endpoint]))
        }
    }

    /// An operator asked for `action` (e.g. `protect 120m`, `keep on`) on `targets`.
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

    /// A key changed which tasks are kept protected (`K`, or unprotecting a kept task): `keep on`
    /// for each task now kept, `keep off` for each no longer kept.
    public func keepChanged(from before: Set<TargetID>, to after: Set<TargetID>, at time: Date = Date()) {
        let started = after.subtracting(before).sorted(), stopped = before.subtracting(after).sorted()
        if !started.isEmpty { operatorAction("keep on", targets: started, at: time) }
        if !stopped.isEmpty { operatorAction("keep off", targets: stopped, at: time) }
    }

    /// An operator took the (demo's) agent down or brought it back: an outage like a scenario's.
    public func agentAvailability(down: Bool, at time: Date = Date()) {
        sink.record(TimelineRecord(time: time, kind: down ? .agentDown : .agentUp))
    }

    /// Keep-protected renewals are about to be sent to `targets` (the PUTs themselves follow,
    /// recorded as the renewals' rather than an operator's).
    public func keepRenewal(targets: [TargetID], at time: Date = Date()) {
        known.withLock { known in for target in targets { known[target]?.renewalPending = true } }
        for target in targets { emit(target: target, time: time, kind: .keep, fields: ["renewal": "sent"]) }
    }

    /// A lapse alert fired for `target`.
    public func alert(_ alert: LapseAlert, target: TargetID, at time: Date = Date()) {
        switch alert {
        case .expiring(let remaining):
            emit(target: target, time: time, kind: .alert, fields: ["alert": "expiring", "remaining": String(Int(remaining.rounded()))])
        case .lapsed:
            emit(target: target, time: time, kind: .alert, fields: ["alert": "lapsed"])
        case .unprotectedWhileKept:
            emit(target: target, time: time, kind: .alert, fields: ["alert": "unprotected-while-kept", "keep": "re-protect"])
        case .keepPaused:
            emit(target: target, time: time, kind: .alert, fields: ["alert": "keep-paused", "keep": "paused"])
        }
    }

    /// Records what `event` means for the timeline (GETs starting are not recorded). `takenInAt`
    /// is when the dashboard's loop took the event in (its inbox's stamp), written with each
    /// answer as `taken`: a replay applies the answer then, which is when the live screen could
    /// first show it, not when it arrived (a busy process hands an answer over a little later).
    public func record(_ event: MonitorEvent, takenInAt: Date? = nil) {
        switch event {
        case .requestStarted(let target, .put(let change), let time):
            let renewal = known.withLock { $0[target]?.renewalPending ?? false }
            var fields = ["by": renewal ? "keep" : "operator", "intent": change.enabled ? "protect" : "unprotect"]
            if let minutes = change.expiresInMinutes { fields["minutes"] = String(minutes) }
            emit(target: target, time: time, kind: .putSent, fields: fields)
        case .responded(let target, let request, let response):
            responded(target: target, request: request, response: response, takenAt: takenInAt)
            flushHeartbeats(at: takenInAt ?? response.receivedAt, force: false)
        case .clockOffsetChanged(let offset):
            let now = Date()
            sink.record(TimelineRecord(time: now, kind: .clock, fields: AnswerFields.clock(offset).merging(["at": AnswerFields.micros(now)]) { $1 }))
        case .effectiveIntervalChanged(let interval):
            let now = Date()
            sink.record(TimelineRecord(time: now, kind: .pollInterval, fields: ["seconds": String(interval), "at": AnswerFields.micros(now)]))
        default:
            break
        }
    }

    /// Writes the heartbeat for repeated answers not yet written (call when the session ends).
    public func flush(at time: Date = Date()) {
        flushHeartbeats(at: time, force: true)
    }

    /// The dashboard's frame at `time` had `digest` (`fields`: how it was drawn). Repeated answers
    /// that arrived by then are written first, so a replay has every answer the frame showed.
    public func frameDigest(_ digest: String, fields: [String: String], at time: Date) {
        flushHeartbeats(at: time, force: true)
        sink.record(TimelineRecord(time: time, kind: .frameDigest, fields: fields.merging(["digest": digest]) { $1 }))
    }

    private func responded(target: TargetID, request: ProtectionRequest, response: ProtectionResponse, takenAt: Date?) {
        let time = response.receivedAt
        var records: [(TimelineKind, [String: String])] = []
        let isPut = if case .put = request { true } else { false }
        var repeated = false
        known.withLock { list in
            guard var entry = list[target] else { return }
            let by = entry.renewalPending && isPut ? "keep" : "operator"
            if isPut { entry.renewalPending = false }
            let answer = Self.answerText(response.result)
            repeated = !isPut && entry.lastAnswer == answer
            entry.lastAnswer = answer
            switch response.result {
            case .protection(let protection):
                entry.taskArn = protection.taskArn
                var state = ["state": protection.enabled ? "protected" : "unprotected"]
                let expiry = protection.enabled ? protection.expirationDate : nil
                if let expiry { state["expires"] = TimelineRecord.timestamp(expiry) }
                if isPut { records.append((.putConfirmed, state.merging(["by": by]) { $1 })) }
                if entry.enabled != protection.enabled || entry.expiresAt != expiry { records.append((.state, state)) }
                entry.enabled = protection.enabled
                entry.expiresAt = expiry
                if let problem = entry.problem {
                    records.append((.errorEnded, ["code": problem.code, "seconds": DecimalText.fixed(time.timeIntervalSince(problem.since), decimals: 1)]))
                    entry.problem = nil
                }
            default:
                // A failure or error names the task too: a task failing from its first answer still
                // gets its ARN, the identity that ties it to the simulator's records.
                if let arn = Self.arn(in: response.result) { entry.taskArn = arn }
                let code = response.result.problemCode ?? "error"
                let problem = Self.problemFields(response.result)
                if isPut { records.append((.putFailed, problem.merging(["by": by, "reason": code]) { $1 })) }
                if entry.problem?.code != code {
                    if let problem = entry.problem {
                        records.append((.errorEnded, ["code": problem.code, "seconds": DecimalText.fixed(time.timeIntervalSince(problem.since), decimals: 1)]))
                    }
                    records.append((.errorStarted, problem.merging(["code": code]) { $1 }))
                    entry.problem = (code, time)
                }
            }
            if !entry.announced {
                entry.announced = true
                var fields = ["id": String(target)]
                if let endpoint = entry.endpoint { fields["endpoint"] = endpoint }
                records.insert((.taskAdded, fields), at: 0)
            }
            list[target] = entry
        }
        if repeated {
            heartbeats.withLock { beats in
                let known = beats.answers[target]?.receivedAt ?? time
                if time >= known { beats.answers[target] = RepeatedAnswer(receivedAt: time, serverDate: response.serverDate, takenAt: takenAt) }
                beats.since = min(beats.since ?? time, time)
            }
        }
        // What the dashboard's clock rule reads of the answer, so a replay estimates as it did.
        var answer = AnswerFields.of(response)
        if let takenAt { answer["taken"] = AnswerFields.micros(takenAt) }
        for (kind, fields) in records {
            emit(target: target, time: time, kind: kind, fields: kind == .taskAdded ? fields : fields.merging(answer) { old, _ in old })
        }
    }

    private static func arn(in result: ProtectionResult) -> String? {
        let arn: String? = switch result {
        case .failure(let failure): failure.arn
        case .error(let error): error.arn
        default: nil
        }
        return arn.flatMap { $0.hasPrefix("arn:") ? $0 : nil }
    }

    /// What a replay needs to show a problem as the screen did: which kind of answer carried it
    /// (`result`: error, failure, rate-limited or transport) and its message (at most 200 characters).
    static func problemFields(_ result: ProtectionResult) -> [String: String] {
        let (kind, message): (String, String?) = switch result {
        case .protection: ("protection", nil)
        case .failure(let failure): ("failure", failure.detail)
        case .error(let error): ("error", error.message)
        case .rateLimited(let message): ("rate-limited", message)
        case .transport(let problem): ("transport", problem.message)
        }
        var fields = ["result": kind]
        if let message, !message.isEmpty { fields["message"] = String(message.prefix(200)) }
        return fields
    }

    /// What an answer says, as far as the screen is concerned: equal text, equal answer.
    private static func answerText(_ result: ProtectionResult) -> String {
        switch result {
        case .protection(let protection):
            protection.enabled ? "protected \(protection.expirationDate.map(TimelineRecord.timestamp) ?? "-")" : "unprotected"
        default:
            "problem \(result.problemCode ?? "error")"
        }
    }

    /// Writes one heartbeat for the repeated answers taken in by `time` (answers after it wait
    /// for the next): their ids, the earliest, and (since the replay fidelity note) each one's
    /// arrival, `Date` header and when it was taken in, so a replay shows every answer's age as
    /// the screen did, from the instant the screen could.
    private func flushHeartbeats(at time: Date, force: Bool) {
        let due: (answers: [(TargetID, RepeatedAnswer)], since: Date)? = heartbeats.withLock { beats in
            let ready = beats.answers.filter { $0.value.ready(by: time) }
            guard !ready.isEmpty, let since = beats.since else { return nil }
            if !force, time.timeIntervalSince(beats.lastFlush ?? since) < Self.heartbeatInterval { return nil }
            for target in ready.keys { beats.answers[target] = nil }
            beats.since = beats.answers.values.map { $0.receivedAt }.min()
            beats.lastFlush = time
            return (ready.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }, since)
        }
        guard let due else { return }
        var fields = ["ids": TargetRanges.text(Set(due.answers.map { $0.0 })), "since": TimelineRecord.timestamp(due.since)]
        fields.merge(AnswerFields.heartbeat(due.answers.map(\.1))) { $1 }
        sink.record(TimelineRecord(time: time, kind: .heartbeat, fields: fields))
    }

    private func emit(target: TargetID, time: Date, kind: TimelineKind, fields: [String: String]) {
        guard let entry = known.withLock({ $0[target] }) else { return }
        sink.record(TimelineRecord(time: time, taskArn: entry.taskArn, label: entry.label, kind: kind, fields: fields))
    }
}
