import FoundationEssentials
import NIOHTTP1

/// `ListTasks` and `DescribeTasks`: which tasks the simulated cluster runs, a page at a time, and
/// what ECS says of each.
extension ECSAPIResponder {
    // MARK: ListTasks

    func listTasks(_ call: Call) -> ScheduledReply {
        guard let cluster = call.string("cluster"), let serviceName = call.string("serviceName"),
              let desiredStatus = call.string("desiredStatus"), let token = call.string("nextToken"),
              let family = call.string("family"), let containerInstance = call.string("containerInstance"),
              let startedBy = call.string("startedBy"), let launchType = call.string("launchType") else {
            return serializationError(call)
        }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        let maxResults: Int
        switch pageSize(call, default: 100) {
        case .success(let size): maxResults = size
        case .failure(let refusal): return refusal.reply
        }
        if let status = desiredStatus, !["RUNNING", "PENDING", "STOPPED"].contains(status) {
            return invalid("Invalid desiredStatus: \(status)", call)
        }
        let records = store.all
        if let serviceName, !records.contains(where: { $0.service == serviceName }) {
            return .after(configuration.ecsLatency,
                          errorReply(.badRequest, "ServiceNotFoundException", "Service not found.", call.requestID))
        }
        // ECS lists by desired status: a task told to stop leaves the default listing at once,
        // while it is still STOPPING.
        let wantsStopped = desiredStatus == "STOPPED"
        var matching = records.filter { record in
            record.stopped == wantsStopped && (serviceName == nil || record.service == serviceName)
                && (family == nil || Self.family(of: record) == family)
                && (startedBy == nil || Self.startedBy(record) == startedBy)
        }
        // Every simulated task runs on Fargate (no container instance) and wants RUNNING.
        if desiredStatus == "PENDING" || containerInstance != nil
            || launchType.map({ $0 != "FARGATE" }) ?? false {
            matching = []
        }
        return page(matching.map(\.taskArn), as: "taskArns", size: maxResults, token: token, call)
    }

    /// A refused request, as the reply to send.
    struct Refusal: Error {
        var reply: ScheduledReply
    }

    /// `maxResults` of a listing (1…100), or `fallback` when absent.
    func pageSize(_ call: Call, default fallback: Int) -> Result<Int, Refusal> {
        guard let raw = call.given("maxResults") else { return .success(fallback) }
        guard let number = Call.integer(raw) else { return .failure(Refusal(reply: serializationError(call))) }
        guard (1...100).contains(number) else {
            return .failure(Refusal(reply: invalid("maxResults must be between 1 and 100.", call)))
        }
        return .success(number)
    }

    /// One page of `items` under `key`, from the offset `token` names, with the next page's token.
    func page(_ items: [String], as key: String, size: Int, token: String?, _ call: Call) -> ScheduledReply {
        var offset = 0
        if let token {
            guard let decoded = Self.offset(fromToken: token), decoded <= items.count else {
                return invalid("Invalid token \(token)", call)
            }
            offset = decoded
        }
        let page = items[offset..<min(offset + size, items.count)]
        var members = [(key, "[" + page.map(JSONText.string).joined(separator: ",") + "]")]
        if offset + page.count < items.count {
            members.append(("nextToken", JSONText.string(Self.token(forOffset: offset + page.count))))
        }
        return .after(configuration.ecsLatency, jsonReply(JSONText.object(members), call.requestID))
    }

    /// The task definition family: the service's name, `job` for a standalone task.
    static func family(of record: TaskRecord) -> String {
        record.service ?? "job"
    }

    static func token(forOffset offset: Int) -> String {
        Data("ecs-protect-sim:\(offset)".utf8).base64EncodedString()
    }

    static func offset(fromToken token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("ecs-protect-sim:") else { return nil }
        return Int(text.dropFirst("ecs-protect-sim:".count)).flatMap { $0 >= 0 ? $0 : nil }
    }

    // MARK: DescribeTasks

    func describeTasks(_ call: Call) -> ScheduledReply {
        guard let cluster = call.string("cluster") else { return serializationError(call) }
        guard let tasks = call.body["tasks"], tasks.elements != nil else {
            return invalid("Tasks cannot be empty.", call)
        }
        guard let names = Call.strings(tasks) else { return serializationError(call) }
        guard !names.isEmpty else { return invalid("Tasks cannot be empty.", call) }
        guard names.count <= 100 else { return invalid("Tasks cannot have more than 100 elements", call) }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        let records = store.all
        let lookup = nameIndex(records)
        let nowMillis = TaskStore.milliseconds(clock.now())
        var found: [String] = []
        var failures: [String] = []
        for name in names {
            if let record = lookup[name].map({ records[$0] }) {
                found.append(describe(record, nowMillis: nowMillis))
            } else {
                failures.append(failureJSON(arn: name, reason: "MISSING", detail: nil))
            }
        }
        let body = JSONText.object([
            ("failures", "[" + failures.joined(separator: ",") + "]"),
            ("tasks", "[" + found.joined(separator: ",") + "]"),
        ])
        return .after(configuration.ecsLatency, jsonReply(body, call.requestID))
    }

    func describe(_ record: TaskRecord, nowMillis: Int64) -> String {
        let group = record.service.map { "service:\($0)" } ?? "family:\(Self.family(of: record))"
        var members: [(String, String)] = [
            ("availabilityZone", JSONText.string(configuration.region + Self.zoneLetter(record))),
            ("clusterArn", JSONText.string(clusterArn)),
            ("desiredStatus", JSONText.string(record.stopped ? "STOPPED" : "RUNNING")),
            ("group", JSONText.string(group)),
            ("lastStatus", JSONText.string(record.lastStatus(nowMillis: nowMillis))),
            ("launchType", JSONText.string("FARGATE")),
            ("startedAt", Self.epochSeconds(record.startedAtMillis)),
        ]
        if let startedBy = Self.startedBy(record) { members.append(("startedBy", JSONText.string(startedBy))) }
        if let code = record.stopCode { members.append(("stopCode", JSONText.string(code))) }
        if let reason = record.stoppedReason { members.append(("stoppedReason", JSONText.string(reason))) }
        if let stoppedAt = record.stoppedAtMillis {
            members.append(("stoppingAt", Self.epochSeconds(stoppedAt - scheduler.drainMillis)))
            if nowMillis >= stoppedAt { members.append(("stoppedAt", Self.epochSeconds(stoppedAt))) }
        }
        members += [
            ("taskArn", JSONText.string(record.taskArn)),
            ("taskDefinitionArn", JSONText.string(taskDefinitionArn(family: Self.family(of: record), revision: record.revision))),
        ]
        return JSONText.object(members)
    }

    func taskDefinitionArn(family: String, revision: Int) -> String {
        "arn:aws:ecs:\(configuration.region):\(configuration.account):task-definition/\(family):\(revision)"
    }

    /// The deployment that started a service's task (its first deployment for the tasks a world starts with).
    static func startedBy(_ record: TaskRecord) -> String? {
        record.startedBy ?? record.service.map { ServiceScheduler.deploymentID(service: $0, revision: 1) }
    }

    /// Tasks spread over three zones by their id, as a service spreads them.
    static func zoneLetter(_ record: TaskRecord) -> String {
        let letters = ["a", "b", "c"]
        return letters[Int(record.taskArn.utf8.reduce(0) { ($0 &+ UInt32($1)) % 3 })]
    }
}
