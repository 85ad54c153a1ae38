import AWSSigning
import FoundationEssentials
import NIOHTTP1
import ProtectionCore

/// Answers the ECS API (`awsJson1.1`) for the simulated cluster: `ListTasks`, `DescribeTasks`,
/// `GetTaskProtection`, `UpdateTaskProtection`, `ListServices` and `DescribeServices`, from the same task store as the agent
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
    /// The identity services served on the same listener (IAM Identity Center, SSO OIDC, STS).
    let identity: IdentityResponder
    /// Services' deployments and events.
    let scheduler: ServiceScheduler
    /// Runs the service scheduler, before a call reads the cluster (ECS's scheduler runs on its own).
    let reconcile: @Sendable () -> Void
    /// Whether the region is out: every call is answered 503 `ServiceUnavailableException`.
    let isRegionDown: @Sendable () -> Bool

    static let targetPrefix = "AmazonEC2ContainerServiceV20141113."
    static let minutesRange = 1...2880

    func respond(to request: IncomingRequest) -> ScheduledReply {
        if IdentityResponder.handles(request) { return .after(.zero, identity.respond(to: request)) }
        callCounter.increment()
        let requestID = UUID().uuidString.lowercased()
        if isRegionDown() {
            return .after(.zero, errorReply(.serviceUnavailable, "ServiceUnavailableException",
                                            "Service Unavailable (the simulated region \(configuration.region) is down)", requestID))
        }
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
        let body: [String: JSONValue]
        if request.body.isEmpty {
            body = [:]
        } else {
            guard let parsed = JSONValue.parseWhole(request.body)?.members else {
                return .after(.zero, errorReply(.badRequest, "SerializationException",
                                                "Start of structure or map found where not expected.", requestID))
            }
            body = parsed
        }
        let call = Call(body: body, requestID: requestID)
        let operation = String(target.dropFirst(Self.targetPrefix.count))
        if configuration.deniedActions.contains(operation) {
            return .after(configuration.ecsLatency, errorReply(
                .badRequest, "AccessDeniedException",
                "User: arn:aws:sts::\(account):assumed-role/ecs-protect-simulator/operator is not authorized to perform: "
                    + "ecs:\(operation) on resource: * because no identity-based policy allows the ecs:\(operation) action", requestID))
        }
        reconcile()
        switch operation {
        case "ListServices": return listServices(call)
        case "DescribeServices": return describeServices(call)
        case "ListTasks": return listTasks(call)
        case "DescribeTasks": return describeTasks(call)
        case "GetTaskProtection": return protection(call, update: false)
        case "UpdateTaskProtection": return protection(call, update: true)
        default: return .after(.zero, errorReply(.badRequest, "UnknownOperationException", "", requestID))
        }
    }

    struct Call {
        var body: [String: JSONValue]
        var requestID: String

        /// A string parameter: `.some(nil)` when absent or null, nil when of another type.
        func string(_ key: String) -> String?? {
            guard let value = given(key) else { return .some(nil) }
            return value.string.map { .some($0) } ?? nil
        }

        /// The parameter, nil when absent or null.
        func given(_ key: String) -> JSONValue? {
            guard let value = body[key], !value.isNull else { return nil }
            return value
        }

        /// A whole number (`5` or `5.0`); nil for fractions, other types and numbers past `Int`.
        static func integer(_ value: JSONValue) -> Int? {
            value.number.flatMap { Int(exactly: $0) }
        }

        /// An array of strings only; nil for anything else.
        static func strings(_ value: JSONValue) -> [String]? {
            guard let elements = value.elements else { return nil }
            let strings = elements.compactMap(\.string)
            return strings.count == elements.count ? strings : nil
        }
    }

    /// A parameter of the wrong JSON type, in ECS's words.
    func serializationError(_ call: Call) -> ScheduledReply {
        .after(.zero, errorReply(.badRequest, "SerializationException", "", call.requestID))
    }

    func invalid(_ message: String, _ call: Call) -> ScheduledReply {
        .after(configuration.ecsLatency, errorReply(.badRequest, "InvalidParameterException", message, call.requestID))
    }

    var clusterArn: String {
        "arn:aws:ecs:\(configuration.region):\(configuration.account):cluster/\(configuration.cluster)"
    }

    /// Whether `value` names the simulated cluster (`nil` means `default`).
    func isOurCluster(_ value: String?) -> Bool {
        let name = value ?? "default"
        return name == configuration.cluster || name == clusterArn
    }

    func clusterNotFound(_ call: Call) -> ScheduledReply {
        .after(configuration.ecsLatency, errorReply(.badRequest, "ClusterNotFoundException", "Cluster not found.", call.requestID))
    }

    // MARK: Lookup and JSON

    /// Every name a task answers to (its full ARN, its ARN without the cluster, its id) → its index.
    func nameIndex(_ records: [TaskRecord]) -> [String: Int] {
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

    func protectedJSON(_ record: TaskRecord, nowMillis: Int64) -> String {
        let (enabled, expiry) = record.effectiveProtection(nowMillis: nowMillis)
        var members: [(String, String)] = []
        if let expiry { members.append(("expirationDate", Self.epochSeconds(expiry))) }
        members.append(("protectionEnabled", enabled ? "true" : "false"))
        members.append(("taskArn", JSONText.string(record.taskArn)))
        return JSONText.object(members)
    }

    func failureJSON(arn: String, reason: String, detail: String?) -> String {
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

    func jsonReply(_ body: String, _ requestID: String) -> HTTPReply {
        HTTPReply(status: .ok, headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID),
        ], body: Array(body.utf8))
    }

    func errorReply(_ status: HTTPResponseStatus, _ code: String, _ message: String, _ requestID: String) -> HTTPReply {
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
