import Foundation
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
        var maxResults = 100
        if let raw = call.body["maxResults"], !(raw is NSNull) {
            guard let number = raw as? Int else { return serializationError(call) }
            guard (1...100).contains(number) else {
                return invalid("maxResults must be between 1 and 100.", call)
            }
            maxResults = number
        }
        if let status = desiredStatus, !["RUNNING", "PENDING", "STOPPED"].contains(status) {
            return invalid("Invalid desiredStatus: \(status)", call)
        }
        let records = store.all
        if let serviceName, !records.contains(where: { $0.service == serviceName }) {
            return .after(configuration.ecsLatency,
                          errorReply(.badRequest, "ServiceNotFoundException", "Service not found.", call.requestID))
        }
        var matching = records.filter { record in
            !record.stopped && (serviceName == nil || record.service == serviceName)
                && (family == nil || Self.family(of: record) == family)
                && (startedBy == nil || (record.service.map { "ecs-svc/\($0)" } == startedBy))
        }
        // Every simulated task runs on Fargate (no container instance) and wants RUNNING.
        if desiredStatus.map({ $0 != "RUNNING" }) ?? false || containerInstance != nil
            || launchType.map({ $0 != "FARGATE" }) ?? false {
            matching = []
        }
        var offset = 0
        if let token {
            guard let decoded = Self.offset(fromToken: token), decoded <= matching.count else {
                return invalid("Invalid token \(token)", call)
            }
            offset = decoded
        }
        let page = matching[offset..<min(offset + maxResults, matching.count)]
        var members: [(String, String)] = []
        if offset + page.count < matching.count {
            members.append(("nextToken", JSONText.string(Self.token(forOffset: offset + page.count))))
        }
        members.insert(("taskArns", "[" + page.map { JSONText.string($0.taskArn) }.joined(separator: ",") + "]"), at: 0)
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
        guard let tasks = call.body["tasks"] as? [Any] else {
            return invalid("Tasks cannot be empty.", call)
        }
        guard let names = tasks as? [String] else { return serializationError(call) }
        guard !names.isEmpty else { return invalid("Tasks cannot be empty.", call) }
        guard names.count <= 100 else { return invalid("Tasks cannot have more than 100 elements", call) }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        let records = store.all
        let lookup = nameIndex(records)
        var found: [String] = []
        var failures: [String] = []
        for name in names {
            if let record = lookup[name].map({ records[$0] }) {
                found.append(describe(record))
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

    func describe(_ record: TaskRecord) -> String {
        let group = record.service.map { "service:\($0)" } ?? "family:\(Self.family(of: record))"
        let status = record.stopped ? "STOPPED" : "RUNNING"
        return JSONText.object([
            ("availabilityZone", JSONText.string(configuration.region + "a")),
            ("clusterArn", JSONText.string(clusterArn)),
            ("desiredStatus", JSONText.string(status)),
            ("group", JSONText.string(group)),
            ("lastStatus", JSONText.string(status)),
            ("launchType", JSONText.string("FARGATE")),
            ("startedAt", Self.epochSeconds(record.startedAtMillis)),
            ("taskArn", JSONText.string(record.taskArn)),
            ("taskDefinitionArn", JSONText.string(
                "arn:aws:ecs:\(configuration.region):\(configuration.account):task-definition/\(Self.family(of: record)):1")),
        ])
    }
}
