import AWSSigning
import Foundation
import NIOHTTP1

/// Answers the ECS API (`awsJson1.1`) for the simulated cluster: `ListTasks`, `DescribeTasks`,
/// `GetTaskProtection` and `UpdateTaskProtection`, from the same task store as the agent
/// endpoints, after SigV4 verification and a per-account rate limit, with ECS's error shapes.
///
/// The agent faults apply to API calls that include a faulted task: `throttled` and `rate-limited`
/// answer `ThrottlingException`, `server-error` a 500 `ServerException`, `access-denied` and
/// `no-credentials` `AccessDeniedException`, `ecs-timeout` answers only after the agent's ECS call
/// timeout, `slow` adds its latency, `malformed` truncates the body, and `task-not-valid` is that
/// task's `TASK_NOT_VALID` failure.
struct ECSAPIResponder: Sendable {
    let store: TaskStore
    let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let limiter: RateLimiter
    let callCounter: CallCounter
    /// Desired counts set while running (scenarios scale services); they win over the configuration's.
    let desiredCounts: DesiredCountTable

    static let targetPrefix = "AmazonEC2ContainerServiceV20141113."
    static let minutesRange = 1...2880

    func respond(to request: IncomingRequest) -> ScheduledReply {
        callCounter.increment()
        let requestID = UUID().uuidString.lowercased()
        let headers = request.headers.map { SigV4Request.Header($0.0, $0.1) }
        let verifier = SigV4Verifier(service: "ecs", region: configuration.region)
        let credentials = configuration.apiCredentials
        let verification = verifier.verify(
            method: request.method.rawValue, rawTarget: request.uri, headers: headers, body: request.body,
            now: clock.now()
        ) { key in
            credentials.first { $0.accessKeyID == key }.map {
                SigV4Verifier.Key(secretAccessKey: $0.secretAccessKey, sessionToken: $0.sessionToken)
            }
        }
        let accessKey: String
        switch verification {
        case .success(let key): accessKey = key
        case .failure(let rejection): return .after(.zero, Self.rejectionReply(rejection, requestID: requestID))
        }
        let credential = credentials.first { $0.accessKeyID == accessKey }
        let account = credential?.account ?? configuration.account
        if let expiry = credential?.expiresAt, clock.now() >= expiry {
            return .after(.zero, errorReply(.badRequest, "ExpiredTokenException",
                                            "The security token included in the request is expired", requestID))
        }
        guard request.method == .POST, request.path == "/" else {
            return .after(.zero, errorReply(.notFound, "UnknownOperationException", "", requestID))
        }
        let target = request.headers.first { $0.0.lowercased() == "x-amz-target" }?.1 ?? ""
        guard target.hasPrefix(Self.targetPrefix) else {
            return .after(.zero, errorReply(.badRequest, "UnknownOperationException", "", requestID))
        }
        guard limiter.allow(account) else {
            return .after(.zero, errorReply(.badRequest, "ThrottlingException", "Rate exceeded", requestID))
        }
        let body: [String: Any]
        if request.body.isEmpty {
            body = [:]
        } else {
            guard let parsed = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
                return .after(.zero, errorReply(.badRequest, "SerializationException",
                                                "Start of structure or map found where not expected.", requestID))
            }
            body = parsed
        }
        let call = Call(body: body, requestID: requestID)
        switch String(target.dropFirst(Self.targetPrefix.count)) {
        case "ListTasks": return listTasks(call)
        case "DescribeTasks": return describeTasks(call)
        case "GetTaskProtection": return protection(call, update: false)
        case "UpdateTaskProtection": return protection(call, update: true)
        default: return .after(.zero, errorReply(.badRequest, "UnknownOperationException", "", requestID))
        }
    }

    private struct Call {
        var body: [String: Any]
        var requestID: String

        func string(_ key: String) -> String?? {
            guard let value = body[key], !(value is NSNull) else { return .some(nil) }
            return (value as? String).map { .some($0) } ?? nil
        }
    }

    /// A parameter of the wrong JSON type, in ECS's words.
    private func serializationError(_ call: Call) -> ScheduledReply {
        .after(.zero, errorReply(.badRequest, "SerializationException", "", call.requestID))
    }

    private func invalid(_ message: String, _ call: Call) -> ScheduledReply {
        .after(configuration.ecsLatency, errorReply(.badRequest, "InvalidParameterException", message, call.requestID))
    }

    private var clusterArn: String {
        "arn:aws:ecs:\(configuration.region):\(configuration.account):cluster/\(configuration.cluster)"
    }

    /// Whether `value` names the simulated cluster (`nil` means `default`).
    private func isOurCluster(_ value: String?) -> Bool {
        let name = value ?? "default"
        return name == configuration.cluster || name == clusterArn
    }

    private func clusterNotFound(_ call: Call) -> ScheduledReply {
        .after(configuration.ecsLatency, errorReply(.badRequest, "ClusterNotFoundException", "Cluster not found.", call.requestID))
    }

    // MARK: ListTasks

    private func listTasks(_ call: Call) -> ScheduledReply {
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

    private func describeTasks(_ call: Call) -> ScheduledReply {
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

    private func describe(_ record: TaskRecord) -> String {
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

    // MARK: Get/UpdateTaskProtection

    private func protection(_ call: Call, update: Bool) -> ScheduledReply {
        guard let cluster = call.string("cluster") else { return serializationError(call) }
        guard let cluster else { return invalid("cluster can not be blank.", call) }
        let limit = update ? 10 : 100
        var names: [String] = []
        if let raw = call.body["tasks"], !(raw is NSNull) {
            guard let list = raw as? [String] else { return serializationError(call) }
            names = list
        }
        guard !names.isEmpty || !update else { return invalid("Tasks cannot be empty.", call) }
        guard names.count <= limit else {
            return invalid("The number of tasks must be at most \(limit).", call)
        }
        var enabled = false
        var minutes = 120
        if update {
            guard let flag = call.body["protectionEnabled"] as? Bool else {
                return call.body["protectionEnabled"] == nil
                    ? invalid("protectionEnabled can not be null.", call) : serializationError(call)
            }
            enabled = flag
            if let raw = call.body["expiresInMinutes"], !(raw is NSNull) {
                guard let value = raw as? Int else { return serializationError(call) }
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

    private func faultReply(_ involved: [TaskRecord], operation: String, call: Call) -> ScheduledReply? {
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

    // MARK: Lookup and JSON

    /// Every name a task answers to (its full ARN, its ARN without the cluster, its id) → its index.
    private func nameIndex(_ records: [TaskRecord]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(records.count * 3)
        let shortPrefix = "arn:aws:ecs:\(configuration.region):\(configuration.account):task/"
        for (position, record) in records.enumerated() {
            let taskID = record.taskArn.split(separator: "/").last.map(String.init) ?? record.taskArn
            index[record.taskArn] = position
            index[taskID] = position
            index[shortPrefix + taskID] = position
        }
        return index
    }

    private func protectedJSON(_ record: TaskRecord, nowMillis: Int64) -> String {
        let (enabled, expiry) = record.effectiveProtection(nowMillis: nowMillis)
        var members: [(String, String)] = []
        if let expiry { members.append(("expirationDate", Self.epochSeconds(expiry))) }
        members.append(("protectionEnabled", enabled ? "true" : "false"))
        members.append(("taskArn", JSONText.string(record.taskArn)))
        return JSONText.object(members)
    }

    private func failureJSON(arn: String, reason: String, detail: String?) -> String {
        var members = [("arn", JSONText.string(arn))]
        if let detail { members.append(("detail", JSONText.string(detail))) }
        members.append(("reason", JSONText.string(reason)))
        return JSONText.object(members)
    }

    /// Epoch seconds with milliseconds, as ECS writes timestamps (`1732712345.123`).
    static func epochSeconds(_ millis: Int64) -> String {
        let fraction = millis % 1000
        guard fraction != 0 else { return String(millis / 1000) }
        let digits = String(fraction)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    // MARK: Replies

    private func jsonReply(_ body: String, _ requestID: String) -> HTTPReply {
        HTTPReply(status: .ok, headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID),
        ], body: Array(body.utf8))
    }

    private func errorReply(_ status: HTTPResponseStatus, _ code: String, _ message: String, _ requestID: String) -> HTTPReply {
        var members = [("__type", JSONText.string(code))]
        if !message.isEmpty { members.append(("message", JSONText.string(message))) }
        return HTTPReply(status: status, headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID),
        ], body: Array(JSONText.object(members).utf8))
    }

    /// The error AWS answers for a request that fails authentication.
    static func rejectionReply(_ rejection: SigV4Verifier.Rejection, requestID: String) -> HTTPReply {
        let (status, code, message): (HTTPResponseStatus, String, String)
        switch rejection {
        case .missingAuthentication:
            (status, code, message) = (.badRequest, "MissingAuthenticationTokenException", "Missing Authentication Token")
        case .incompleteSignature(let detail):
            (status, code, message) = (.badRequest, "IncompleteSignatureException", detail)
        case .unknownAccessKey, .invalidToken:
            (status, code, message) = (.badRequest, "UnrecognizedClientException",
                                       "The security token included in the request is invalid.")
        case .wrongScope(let detail):
            (status, code, message) = (.badRequest, "InvalidSignatureException", detail)
        case .expired(let detail):
            (status, code, message) = (.badRequest, "InvalidSignatureException", detail)
        case .signatureMismatch:
            (status, code, message) = (.badRequest, "InvalidSignatureException",
                                       "The request signature we calculated does not match the signature you provided. "
                                       + "Check your AWS Secret Access Key and signing method. "
                                       + "Consult the service documentation for details.")
        }
        let body = JSONText.object([
            ("__type", JSONText.string("com.amazon.coral.service#" + code)), ("message", JSONText.string(message)),
        ])
        return HTTPReply(status: status, headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID),
        ], body: Array(body.utf8))
    }
}
