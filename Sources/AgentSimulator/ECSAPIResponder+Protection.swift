import FoundationEssentials
import NIOHTTP1

/// `GetTaskProtection` and `UpdateTaskProtection`: the protection of up to 100 (10) tasks per call,
/// under the service rules both ways in share, and the faults that fail a call as a whole.
extension ECSAPIResponder {
    // MARK: Get/UpdateTaskProtection

    func protection(_ call: Call, update: Bool) -> ScheduledReply {
        guard let cluster = call.string("cluster") else { return serializationError(call) }
        guard let cluster else { return invalid("cluster can not be blank.", call) }
        let limit = update ? 10 : 100
        var names: [String] = []
        if let raw = call.given("tasks") {
            guard let list = Call.strings(raw) else { return serializationError(call) }
            names = list
        }
        guard !names.isEmpty || !update else { return invalid("Tasks cannot be empty.", call) }
        guard names.count <= limit else {
            return invalid("The number of tasks must be at most \(limit).", call)
        }
        var enabled = false
        var minutes = 120
        if update {
            guard case .bool(let flag) = call.body["protectionEnabled"] else {
                return call.body["protectionEnabled"] == nil
                    ? invalid("protectionEnabled can not be null.", call) : serializationError(call)
            }
            enabled = flag
            if let raw = call.given("expiresInMinutes") {
                guard let value = Call.integer(raw) else { return serializationError(call) }
                guard Self.minutesRange.contains(value) else {
                    return invalid("The expiresInMinutes value \(value) is not valid. Specify a value from 1 to 2880 minutes.", call)
                }
                minutes = value
            }
        }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        let records = store.all
        let lookup = nameIndex(records)
        let involved = names.compactMap { lookup[$0].map { records[$0] } }
        let operation = update ? "UpdateTaskProtection" : "GetTaskProtection"
        if let faulted = faultReply(involved, operation: operation, call: call) { return faulted }
        let nowMillis = TaskStore.milliseconds(clock.now())
        // One pass under the store's lock, so a batch sees and changes the tasks atomically.
        let answers: [(isFailure: Bool, json: String)] = store.withRecords { records in
            var rules = ServiceRules(records: records, desiredCounts: desiredCounts, nowMillis: nowMillis)
            return names.map { name in
                guard let index = lookup[name], records.indices.contains(index), !records[index].stopped else {
                    return (true, failureJSON(arn: name, reason: "MISSING", detail: nil))
                }
                let record = records[index]
                // A read refuses a task outside a service too; only a protect is checked against the desired count.
                if let refusal = rules.refusal(for: record, enabling: update && enabled) {
                    return (true, failureJSON(arn: record.taskArn, reason: refusal.reason, detail: refusal.detail))
                }
                if update {
                    rules.apply(record, enabling: enabled)
                    records[index].protectionEnabled = enabled
                    records[index].expiresAtMillis = enabled ? nowMillis + Int64(minutes) * 60_000 : nil
                }
                return (false, protectedJSON(records[index], nowMillis: nowMillis))
            }
        }
        let body = JSONText.object([
            ("failures", "[" + answers.filter(\.isFailure).map(\.json).joined(separator: ",") + "]"),
            ("protectedTasks", "[" + answers.filter { !$0.isFailure }.map(\.json).joined(separator: ",") + "]"),
        ])
        let slow = involved.contains { $0.fault == .slow }
        let latency = configuration.ecsLatency + (slow ? configuration.slowLatency : .zero)
            + (update ? configuration.updateLatency : .zero)
        if involved.contains(where: { $0.fault == .malformed }) {
            return .after(latency, jsonReply(String(body.prefix(body.count / 2)), call.requestID))
        }
        return .after(latency, jsonReply(body, call.requestID))
    }

    func faultReply(_ involved: [TaskRecord], operation: String, call: Call) -> ScheduledReply? {
        let faults = Set(involved.compactMap(\.fault))
        if faults.contains(.throttled) || faults.contains(.rateLimited) {
            return .after(configuration.ecsLatency, errorReply(.badRequest, "ThrottlingException", "Rate exceeded", call.requestID))
        }
        if faults.contains(.serverError) {
            return .after(configuration.ecsLatency, errorReply(
                .internalServerError, "ServerException", "Service Unavailable. Please try again later.", call.requestID))
        }
        if let denied = involved.first(where: { $0.fault == .accessDenied || $0.fault == .noCredentials }) {
            return .after(configuration.ecsLatency, errorReply(
                .badRequest, "AccessDeniedException",
                "User: arn:aws:iam::\(configuration.account):user/operator is not authorized to perform: "
                    + "ecs:\(operation) on resource: \(denied.taskArn) because no identity-based policy allows the "
                    + "ecs:\(operation) action", call.requestID))
        }
        if faults.contains(.ecsTimeout) {
            return .after(configuration.ecsCallTimeout, errorReply(
                .serviceUnavailable, "ServerException", "Service Unavailable. Please try again later.", call.requestID))
        }
        return nil
    }
}
