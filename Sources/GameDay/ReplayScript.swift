import FoundationEssentials
import ProtectionCore
import SafeText

/// A drill's record turned back into what a dashboard's task source said, moment by moment, so
/// the dashboard can show the drill again (`ecs-protect replay`).
///
/// The dashboard's own records (`watch`, `demo`) are what its screen showed: tasks found, each
/// protection or expiry that changed, errors starting and ending, PUTs sent and answered, and
/// heartbeats for answers that repeated the last one. Where no dashboard recorded the drill, the
/// scenario's records stand in: its world, as a dashboard polling it would have seen it (and
/// without either, whatever the one-shot commands recorded).
public struct ReplayScript: Sendable {
    /// One moment of the record: the source events it stands for, and what it was.
    public struct Step: Sendable, Equatable {
        /// When it happened (the recording process's wall clock).
        public var time: Date
        /// What the source reported then.
        public var events: [TaskSourceEvent]
        /// The record it came from, in a few words (`worker-a state protected`); text from the
        /// file, to be made safe wherever it is shown.
        public var summary: String
    }

    /// The tasks, each with the id every step uses.
    public private(set) var targets: [SourceTarget] = []
    /// The steps, by time (records of one instant keep their file order).
    public private(set) var steps: [Step] = []
    /// The drill's first and last record times.
    public let start: Date
    public let end: Date
    /// The poll interval the dashboard ran with (seconds), when its `run.started` says.
    public let pollInterval: TimeInterval?
    /// The alert window the dashboard ran with (seconds before an expiry), when its `run.started` says.
    public let alertBefore: TimeInterval?
    /// The cluster whose tasks the dashboard found through the ECS API, when its `run.started` says.
    public let cluster: String?
    /// The digests the dashboard recorded of its frame (`frame.digest`), by time: what the replay's
    /// frame at each of those instants must match.
    public private(set) var frameDigests: [TimelineRecord] = []

    /// The script of one drill's records.
    public init(records unsorted: [TimelineRecord]) {
        let records = unsorted.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        start = records.first?.time ?? Date(timeIntervalSince1970: 0)
        end = records.last?.time ?? start
        let dashboardStarts = records.filter { $0.kind == .runStarted && Self.dashboardCommands.contains($0.fields["command"] ?? "") }
        let dashboardRuns = Set(dashboardStarts.map(\.run))
        // A number from the file: only a sane interval is believed.
        pollInterval = dashboardStarts.compactMap { $0.fields["interval"].flatMap(Double.init) }.first { $0.isFinite && (0.1...3600).contains($0) }
        alertBefore = dashboardStarts.compactMap { $0.fields["alert-before"].flatMap(Double.init) }.first { $0.isFinite && (0...172_800).contains($0) }
        cluster = dashboardStarts.compactMap { $0.fields["cluster"] }.first { !$0.isEmpty && $0.count <= 255 }
        frameDigests = records.filter { $0.kind == .frameDigest && dashboardRuns.contains($0.run) }
        let world = records.filter(TimelineSummary.isWorld)
        // A dashboard's account, else the scenario's world, else whatever the commands recorded.
        // `demo --scenario` writes its scenario's world under the dashboard's run: that is not what the screen saw.
        let seen = !dashboardRuns.isEmpty ? records.filter { dashboardRuns.contains($0.run) && !TimelineSummary.isWorld($0) }
            : world.isEmpty ? records : world
        var builder = Builder(problemStarts: Set(seen.filter { $0.kind == .errorStarted }.map(Builder.answerKey)))
        for record in seen { steps += builder.steps(for: record) }
        // Steps go by the microsecond a record names where it names one (the answer's arrival):
        // a frame digest taken within a millisecond of an answer must see it or not as live did.
        steps = steps.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        targets = builder.targets
    }

    /// Commands whose records say what a dashboard's screen showed.
    static let dashboardCommands: Set<String> = ["watch", "demo"]

    /// How many steps are at or before `time`.
    public func count(atOrBefore time: Date) -> Int {
        var low = 0, high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension ReplayScript {
    /// Reads records in time order and keeps what a dashboard needs to say them again: which
    /// replay id each task has, and each task's last answer (a heartbeat repeats it, an error's end
    /// brings it back).
    private struct Builder {
        var targets: [SourceTarget] = []
        private var idByKey: [String: TargetID] = [:]
        private var idByRunTarget: [String: TargetID] = [:]
        private var lastProtection: [TargetID: TaskProtection] = [:]
        private var lastAnswer: [TargetID: ProtectionResult] = [:]
        private var pendingChange: [TargetID: ProtectionChange] = [:]
        /// The HTTP status of each task's last recorded answer, which a repeat of it had too.
        private var lastStatus: [TargetID: Int?] = [:]
        /// The answers (``answerKey(_:)``) that started a problem: an `error.ended` of the same
        /// answer is a change of problem (ConnectionReset, then ConnectionRefused), not a success.
        private let problemStarts: Set<String>
        /// The answers already said: one answer can be several records (`put.confirmed`, `state`,
        /// `error.ended`), and the dashboard took it in once.
        private var said: Set<String> = []
        /// The services as last recorded (`service.state`), with the events recorded of each.
        private var services: [String: ServiceStatus] = [:]
        /// The tasks last recorded as gone: a `task.added` of one of them brings its row back.
        private var gone: Set<TargetID> = []

        /// The longest an answer is believed to have waited between arriving and being taken in.
        static let longestHandOver: TimeInterval = 600

        init(problemStarts: Set<String>) {
            self.problemStarts = problemStarts
        }

        /// Which answer a record came from: its task and its arrival (the record's time where it
        /// has none); the records one answer made share both.
        static func answerKey(_ record: TimelineRecord) -> String {
            "\(record.taskArn ?? "label\u{0}" + (record.label ?? ""))\u{0}\(record.fields["received"] ?? TimelineRecord.timestamp(record.time))"
        }

        /// The steps a record stands for: one, or for a heartbeat with each answer's arrival, one per
        /// arrival (a frame drawn between two of them showed the one and not the other).
        mutating func steps(for record: TimelineRecord) -> [Step] {
            guard record.kind == .heartbeat else { return step(for: record).map { [$0] } ?? [] }
            let ids = TargetRanges.ids(record.fields["ids"] ?? "", limit: 100_000) ?? []
            // Each answer's own arrival and Date where the record has them; else the heartbeat's time.
            let answers = AnswerFields.heartbeatAnswers(record.fields, ids: ids.count)
            let taken = AnswerFields.heartbeatTaken(record.fields, ids: ids.count)
            var byTime: [Date: [TaskSourceEvent]] = [:]
            for (index, runID) in ids.enumerated() {
                guard let id = idByRunTarget[Self.runTarget(record.run, runID)], let answer = lastAnswer[id] else { continue }
                let timing = answers.map { AnswerFields.Timing(receivedAt: $0[index].receivedAt, sentAt: nil, serverDate: $0[index].serverDate,
                                                               httpStatus: lastStatus[id] ?? nil) }
                let event = TaskSourceEvent.monitor(.responded(target: id, request: .get, response: response(answer, target: id, at: record.time, timing: timing)))
                // An arrival after its heartbeat, or more than an hour before it, is not this recorder's: the heartbeat's time stands.
                let arrival = timing?.receivedAt.flatMap { (-3600..<0.001).contains($0.timeIntervalSince(record.time)) ? $0 : nil } ?? record.time
                // When the dashboard took it in, if said: no earlier than it arrived, no later than its heartbeat.
                let takenIn = taken?[index].flatMap { $0 >= arrival && $0.timeIntervalSince(record.time) < 0.001 ? $0 : nil }
                byTime[takenIn ?? arrival, default: []].append(event)
            }
            return byTime.keys.sorted().map { Step(time: $0, events: byTime[$0] ?? [], summary: "heartbeat") }
        }

        private mutating func step(for record: TimelineRecord) -> Step? {
            var events: [TaskSourceEvent] = []
            let time = record.time
            switch record.kind {
            case .taskWatched:
                // An endpoint watched from the start: its row shows before its first answer, as live.
                guard let name = record.fields["name"], !name.isEmpty, name.count <= 1000,
                      record.fields["id"].flatMap({ TargetID($0) }) != nil else { return nil }
                var announced = record
                announced.label = name
                announced.kind = .taskAdded
                _ = target(of: announced, events: &events)
            case .clock:
                guard let offset = AnswerFields.clockOffset(record.fields) else { return nil }
                events.append(.monitor(.clockOffsetChanged(offset)))
            case .pollInterval:
                guard let seconds = record.fields["seconds"].flatMap(Double.init), seconds.isFinite, (0.1...3600).contains(seconds) else { return nil }
                events.append(.monitor(.effectiveIntervalChanged(seconds)))
            case .serviceState, .serviceEvent:
                guard let read = servicesRead(record) else { return nil }
                events.append(read)
            case .sourceHealth:
                if record.fields["health"] == "down" {
                    let code = record.fields["code"] ?? "error"
                    events.append(.discoveryFailed(AgentError(code: code, message: record.fields["message"] ?? "finding the tasks failed"), hint: nil))
                } else {
                    events.append(.discoveryRecovered)
                }
            default:
                guard record.taskArn != nil || record.label != nil else { return nil }
                let id = target(of: record, events: &events)
                events = taskEvents(record, target: id, prefix: events)
            }
            guard !events.isEmpty else { return nil }
            // The microsecond the record names (an answer's arrival), within the record's own
            // millisecond only: a hostile field cannot move a step elsewhere.
            let precise = AnswerFields.instant(record.fields["received"]) ?? AnswerFields.instant(record.fields["at"])
            let arrival = precise.flatMap { abs($0.timeIntervalSince(time)) < 0.001 ? $0 : nil } ?? time
            // An answer goes in when the dashboard took it in, where the record says: after it
            // arrived, and by a bounded amount (a hostile field moves a step at most that far).
            let takenIn = AnswerFields.instant(record.fields["taken"]).flatMap {
                (0..<Self.longestHandOver).contains($0.timeIntervalSince(arrival)) ? $0 : nil
            }
            let stepTime = takenIn ?? arrival
            let about = record.label.map { "\($0) " } ?? ""
            let detail = record.fields["state"] ?? record.fields["code"] ?? record.fields["reason"] ?? record.fields["action"] ?? ""
            return Step(time: stepTime, events: events, summary: "\(about)\(record.kind.rawValue) \(detail)".trimmingHorizontalWhitespace())
        }

        /// The services as the dashboard had them once `record` (a service's state or event) was read.
        private mutating func servicesRead(_ record: TimelineRecord) -> TaskSourceEvent? {
            if record.kind == .serviceState {
                guard var read = ServiceStateFields.service(record.fields) else { return nil }
                read.events = services[read.name]?.events ?? []
                services[read.name] = read
            } else {
                guard let name = record.fields["service"], var service = services[name], let id = record.fields["id"],
                      let created = RFC3339.parse(record.fields["created"] ?? ""), service.events.count < 10_000 else { return nil }
                // ECS lists a service's events newest first.
                service.events.insert(ServiceStatus.Event(id: String(id.prefix(200)), createdAt: created,
                                                          message: String((record.fields["message"] ?? "").prefix(2000))), at: 0)
                services[name] = service
            }
            return .servicesRead(services.values.sorted { $0.name < $1.name })
        }

        /// The replay id of the record's task, announcing it (`targetsAdded`) the first time.
        private mutating func target(of record: TimelineRecord, events: inout [TaskSourceEvent]) -> TargetID {
            let key = record.taskArn ?? "label\u{0}" + (record.label ?? "")
            let id: TargetID
            if let known = idByKey[key] ?? record.label.flatMap({ idByKey["label\u{0}" + $0] }) {
                id = known
                if let arn = record.taskArn, idByKey[arn] == nil { idByKey[arn] = id }
            } else {
                id = targets.count
                idByKey[key] = id
                if let label = record.label { idByKey["label\u{0}" + label] = id }
                var target = SourceTarget(id: id, label: record.label ?? record.taskArn ?? "#\(id)", taskArn: record.taskArn)
                if record.kind == .taskAdded {
                    target.endpoint = Self.endpoint(record.fields["endpoint"], label: record.label)
                    target.lifecycle = LifecycleFields.lifecycle(record.fields)
                    target.service = target.lifecycle?.service ?? record.fields["service"].map { String($0.prefix(LifecycleFields.maximumLength)) }
                }
                targets.append(target)
                events.append(.targetsAdded([target]))
            }
            if record.kind == .taskAdded, let runID = record.fields["id"].flatMap({ TargetID($0) }) {
                idByRunTarget[Self.runTarget(record.run, runID)] = id
            }
            return id
        }

        private mutating func taskEvents(_ record: TimelineRecord, target id: TargetID, prefix: [TaskSourceEvent]) -> [TaskSourceEvent] {
            var events = prefix
            let time = record.time
            let timing = AnswerFields.timing(record.fields)
            let arn = record.taskArn ?? targets[id].taskArn ?? ""
            let key = Self.answerKey(record)
            switch record.kind {
            case .state:
                let protection = Self.protection(record.fields, arn: arn)
                lastProtection[id] = protection
                lastAnswer[id] = .protection(protection)
                if said.insert(key).inserted {
                    events.append(.monitor(.responded(target: id, request: .get, response: response(.protection(protection), target: id, at: time, timing: timing))))
                }
            case .errorStarted:
                let result = Self.problem(code: record.fields["code"] ?? "error", kind: record.fields["result"], message: record.fields["message"], arn: arn)
                lastAnswer[id] = result
                // After a `put.failed` of the same answer it is the PUT's problem: live, a PUT's
                // failure is the action's outcome, not a read problem of the row.
                if said.insert(key).inserted {
                    events.append(.monitor(.responded(target: id, request: .get, response: response(result, target: id, at: time, timing: timing))))
                }
            case .errorEnded:
                // The answer that ended the error said the protection again (a `state` record
                // comes first only when that protection changed), unless it started another
                // problem: then it is that problem's answer, said by its `error.started`.
                if !problemStarts.contains(key), let protection = lastProtection[id] {
                    lastAnswer[id] = .protection(protection)
                    if said.insert(key).inserted {
                        events.append(.monitor(.responded(target: id, request: .get, response: response(.protection(protection), target: id, at: time, timing: timing))))
                    }
                }
            case .putSent:
                let change = Self.change(intent: record.fields["intent"], minutes: record.fields["minutes"])
                pendingChange[id] = change
                events.append(.monitor(.requestStarted(target: id, request: .put(change), at: time)))
            case .putConfirmed, .putFailed:
                let change = pendingChange.removeValue(forKey: id)
                    ?? Self.change(intent: record.fields["state"] == "unprotected" ? "unprotect" : "protect", minutes: nil)
                let result: ProtectionResult
                if record.kind == .putConfirmed {
                    let protection = Self.protection(record.fields, arn: arn)
                    lastProtection[id] = protection
                    result = .protection(protection)
                } else {
                    result = Self.problem(code: record.fields["reason"] ?? "error", kind: record.fields["result"], message: record.fields["message"], arn: arn)
                }
                lastAnswer[id] = result
                said.insert(key)
                events.append(.monitor(.responded(target: id, request: .put(change), response: response(result, target: id, at: time, timing: timing))))
            case .taskAdded where gone.remove(id) != nil:
                // A task found again (listed as running after it was gone): its row is back.
                if let lifecycle = LifecycleFields.lifecycle(record.fields) { targets[id].lifecycle = lifecycle }
                events.append(.targetsAdded([targets[id]]))
            case .taskGone:
                gone.insert(id)
                events.append(.targetsGone([id]))
            case .taskStopping:
                if let lifecycle = LifecycleFields.lifecycle(record.fields) { events.append(.lifecyclesChanged([id: lifecycle])) }
            case .taskRemoved:
                events.append(.targetsRemoved([id]))
            default:
                break
            }
            return events
        }

        /// The change a PUT carried; minutes out of range (a hostile file) fall back to the agent's default.
        private static func change(intent: String?, minutes: String?) -> ProtectionChange {
            guard intent != "unprotect" else { return .unprotect }
            return (try? ProtectionChange.protect(minutes: minutes.flatMap { Int($0) })) ?? (try? ProtectionChange.protect()) ?? .unprotect
        }

        /// The agent endpoint a `task.added` names, as the dashboard had it; nil when it names none
        /// or one the endpoint parser refuses (the file is hostile input like any other).
        private static func endpoint(_ uri: String?, label: String?) -> Endpoint? {
            guard let uri, let parsed = try? EndpointParser.parse(uri) else { return nil }
            return Endpoint(label: label, agentURI: parsed.agentURI, scheme: parsed.scheme, host: parsed.host, port: parsed.port)
        }

        private static func runTarget(_ run: String?, _ id: TargetID) -> String { "\(run ?? "")\u{0}\(id)" }

        private static func protection(_ fields: [String: String], arn: String) -> TaskProtection {
            let enabled = fields["state"] == "protected"
            let expires = fields["expires"].flatMap { RFC3339.parse($0) }
            return TaskProtection(enabled: enabled, expirationDate: enabled ? expires : nil, expirationDateText: enabled ? fields["expires"] : nil, taskArn: arn)
        }

        /// An answer as the dashboard saw it: its recorded timing where the record has it (received,
        /// sent, `Date`, status); else received and sent the instant it was recorded, without a `Date`.
        private mutating func response(_ result: ProtectionResult, target id: TargetID, at time: Date,
                                       timing: AnswerFields.Timing?) -> ProtectionResponse {
            let status: Int? = timing?.httpStatus ?? (timing?.receivedAt == nil ? Self.status(of: result) : Self.statusOrNil(of: result))
            lastStatus[id] = status
            let receivedAt = timing?.receivedAt ?? time
            return ProtectionResponse(result: result, httpStatus: status, serverDate: timing?.serverDate,
                                      sentAt: timing?.sentAt ?? receivedAt, receivedAt: receivedAt)
        }

        /// The status the answer had when a record does not say: a transport problem had none.
        private static func status(of result: ProtectionResult) -> Int? {
            switch result {
            case .protection, .failure: 200
            case .rateLimited: 429
            case .error: 400
            case .transport: nil
            }
        }

        /// A record with timing but no `http` had no status only for a transport problem.
        private static func statusOrNil(of result: ProtectionResult) -> Int? {
            if case .transport = result { return nil }
            return status(of: result)
        }

        /// A problem by its code, as the answer that carried it: the `result` field says which kind
        /// of answer (recorded since schema version 1's replay note); older records are read by the
        /// code's shape.
        static func problem(code: String, kind: String?, message: String?, arn: String) -> ProtectionResult {
            let text = message ?? code
            switch kind {
            case "failure": return .failure(ProtectionFailure(arn: arn.isEmpty ? nil : arn, reason: code, detail: message))
            case "rate-limited": return .rateLimited(message: text)
            case "transport": return .transport(transport(code: code, message: text))
            case "error": return .error(AgentError(code: code, message: text, arn: arn.isEmpty ? nil : arn))
            default: break
            }
            if code == ProtectionResult.rateLimitedCode { return .rateLimited(message: text) }
            if ["ConnectionRefused", "Timeout", "ConnectionReset", "DNSFailure", "UnexpectedResponse", "TransportError"].contains(code) {
                return .transport(transport(code: code, message: text))
            }
            // ECS failures are SHOUTED_CODES (TASK_NOT_VALID); errors are CamelCase (ThrottlingException).
            if code.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) {
                return .failure(ProtectionFailure(arn: arn.isEmpty ? nil : arn, reason: code, detail: message))
            }
            return .error(AgentError(code: code, message: text, arn: arn.isEmpty ? nil : arn))
        }

        private static func transport(code: String, message: String) -> TransportProblem {
            switch code {
            case "ConnectionRefused": .connectionRefused
            case "Timeout": .timeout
            case "ConnectionReset": .connectionReset
            case "DNSFailure": .dnsFailure(message)
            case "UnexpectedResponse": .unexpectedResponse(message)
            default: .other(message)
            }
        }
    }
}
