import FoundationEssentials
import NIOHTTP1
import ProtectionCore

/// Answers requests on the agent listener exactly as the ECS agent's task-protection handlers do,
/// including the rate limiter in front of every route and the injected faults.
struct AgentResponder: Sendable {
    let store: TaskStore
    /// The services' desired counts, which ECS checks a protect against whichever way it comes.
    let desiredCounts: DesiredCountTable
    let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let limiter: RateLimiter

    private static let pathPrefix = "/api/"
    private static let pathSuffix = "/task-protection/v1/state"
    /// ECS's limits for `expiresInMinutes`.
    static let minutesRange: ClosedRange<Int32> = 1...2880
    static let defaultMinutes: Int64 = 120

    func respond(to request: IncomingRequest) -> ScheduledReply {
        let path = request.path
        guard limiter.allow(request.clientIP + " " + path) else {
            return .after(.zero, rateLimitedReply())
        }
        guard let endpointID = Self.endpointID(inPath: path) else {
            return .after(.zero, pageNotFoundReply())
        }
        if store.record(endpointID: endpointID)?.record.fault == .rateLimited {
            return .after(.zero, rateLimitedReply())
        }
        switch request.method {
        case .GET: return getProtection(endpointID: endpointID)
        case .PUT: return updateProtection(endpointID: endpointID, body: request.body)
        default: return .after(.zero, reply(status: .methodNotAllowed, contentType: nil, body: ""))
        }
    }

    /// The endpoint id of `/api/<id>/task-protection/v1/state`, or `nil` for any other path.
    static func endpointID(inPath path: String) -> String? {
        guard path.hasPrefix(pathPrefix), path.hasSuffix(pathSuffix),
              path.count > pathPrefix.count + pathSuffix.count else { return nil }
        let id = path.dropFirst(pathPrefix.count).dropLast(pathSuffix.count)
        return id.contains("/" as Character) ? nil : String(id)
    }

    // MARK: Handlers

    private func getProtection(endpointID: String) -> ScheduledReply {
        guard let found = store.record(endpointID: endpointID) else {
            return .after(.zero, taskNotFoundReply())
        }
        let (index, task) = found
        if let faulted = faultReply(for: task, operation: "GetTaskProtection") {
            return faulted
        }
        let current = store.record(at: index) ?? task
        // ECS answers a task outside a service with a failure, whichever way the read comes.
        if current.service == nil {
            return .after(ecsDelay(for: task), failureReply(
                arn: task.taskArn, reason: "TASK_NOT_VALID", detail: "The task is not part of a service."))
        }
        return .after(ecsDelay(for: task), protectionReply(current))
    }

    private func updateProtection(endpointID: String, body: [UInt8]) -> ScheduledReply {
        guard let request = ProtectionUpdateRequest.decode(body) else {
            return .after(.zero, errorReply(
                status: .badRequest, arn: nil, code: "InvalidParameterException",
                message: "UpdateTaskProtection: failed to decode request"))
        }
        guard let found = store.record(endpointID: endpointID) else {
            return .after(.zero, taskNotFoundReply())
        }
        let (index, task) = found
        guard let enabled = request.protectionEnabled else {
            return .after(.zero, errorReply(
                status: .badRequest, arn: task.taskArn, code: "InvalidParameterException",
                message: "Invalid request: does not contain 'ProtectionEnabled' field"))
        }
        if let faulted = faultReply(for: task, operation: "UpdateTaskProtection") {
            return faulted
        }
        // The agent narrows to 32 bits without a check; ECS then checks the range.
        let minutes = request.expiresInMinutes.map { Int32(truncatingIfNeeded: $0) }
        if let minutes, !Self.minutesRange.contains(minutes) {
            return .after(configuration.ecsLatency, errorReply(
                status: .badRequest, arn: task.taskArn, code: "InvalidParameterException",
                message: "The expiresInMinutes value \(minutes) is not valid. "
                    + "Specify a value from 1 to 2880 minutes.",
                requestID: Self.newRequestID()))
        }
        let nowMillis = TaskStore.milliseconds(clock.now())
        let desiredCounts = self.desiredCounts
        // The agent relays what ECS answers: the same service rules as the ECS API, checked and
        // applied in one pass under the store's lock.
        let refusal: ServiceRules.Refusal? = store.withRecords { records in
            guard records.indices.contains(index) else { return nil }
            let rules = ServiceRules(records: records, desiredCounts: desiredCounts, nowMillis: nowMillis)
            if let refusal = rules.refusal(for: records[index], enabling: enabled) { return refusal }
            records[index].protectionEnabled = enabled
            records[index].expiresAtMillis = enabled
                ? nowMillis + (minutes.map(Int64.init) ?? Self.defaultMinutes) * 60_000
                : nil
            return nil
        }
        if let refusal {
            return .after(ecsDelay(for: task) + configuration.updateLatency, failureReply(
                arn: task.taskArn, reason: refusal.reason, detail: refusal.detail))
        }
        let updated = store.record(at: index) ?? task
        return .after(ecsDelay(for: task) + configuration.updateLatency, protectionReply(updated))
    }

    /// The reply an injected fault produces at the "call ECS" step, or `nil` to answer normally.
    private func faultReply(for task: TaskRecord, operation: String) -> ScheduledReply? {
        guard let fault = task.fault else { return nil }
        let arn = task.taskArn
        switch fault {
        case .noCredentials:
            return .after(.zero, errorReply(
                status: .forbidden, arn: arn, code: "AccessDeniedException",
                message: "Invalid Request: no task IAM role credentials available for task"))
        case .throttled:
            return .after(randomRelayDelay(), errorReply(
                status: .badRequest, arn: arn, code: "ThrottlingException",
                message: "Rate exceeded", requestID: Self.newRequestID()))
        case .serverError:
            return .after(randomRelayDelay(), errorReply(
                status: .internalServerError, arn: arn, code: "ServerException",
                message: "Service Unavailable. Please try again later.", requestID: Self.newRequestID()))
        case .ecsTimeout:
            return .after(configuration.ecsCallTimeout, errorReply(
                status: .gatewayTimeout, arn: arn, code: "RequestCanceled",
                message: "Timed out calling ECS Task Protection API"))
        case .accessDenied:
            return .after(configuration.ecsLatency, errorReply(
                status: .badRequest, arn: arn, code: "AccessDeniedException",
                message: accessDeniedMessage(task: task, operation: operation),
                requestID: Self.newRequestID()))
        case .taskNotValid:
            return .after(configuration.ecsLatency, failureReply(arn: arn, reason: "TASK_NOT_VALID", detail: nil))
        case .malformed:
            let full = protectionBody(task)
            return .after(configuration.ecsLatency, jsonReply(.ok, String(full.prefix(full.count / 2))))
        case .rateLimited:
            return .after(.zero, rateLimitedReply())
        case .slow:
            return nil
        }
    }

    private func accessDeniedMessage(task: TaskRecord, operation: String) -> String {
        let taskID = task.taskArn.split(separator: "/").last.map(String.init) ?? ""
        return "User: arn:aws:sts::\(configuration.account):assumed-role/\(configuration.cluster)-task-role/"
            + "\(taskID) is not authorized to perform: ecs:\(operation) on resource: \(task.taskArn) "
            + "because no identity-based policy allows the ecs:\(operation) action"
    }

    private func ecsDelay(for task: TaskRecord) -> Duration {
        task.fault == .slow ? configuration.ecsLatency + configuration.slowLatency : configuration.ecsLatency
    }

    private func randomRelayDelay() -> Duration {
        let range = configuration.relayDelay
        let low = range.lowerBound.totalNanoseconds, high = range.upperBound.totalNanoseconds
        guard high > low else { return range.lowerBound }
        return .nanoseconds(Int64.random(in: low...high))
    }

    static func newRequestID() -> String {
        UUID().uuidString.lowercased()
    }

    // MARK: Replies

    private func protectionBody(_ task: TaskRecord) -> String {
        let (enabled, expiry) = task.effectiveProtection(nowMillis: TaskStore.milliseconds(clock.now()))
        let protection = JSONText.object([
            ("ExpirationDate", JSONText.optionalString(expiry.map { WireTime.rfc3339(millisecondsSince1970: $0) })),
            ("ProtectionEnabled", enabled ? "true" : "false"),
            ("TaskArn", JSONText.string(task.taskArn)),
        ])
        return JSONText.object([("protection", protection)])
    }

    /// A 200 carrying ECS's `failure` for the task, as the agent relays it.
    private func failureReply(arn: String, reason: String, detail: String?) -> HTTPReply {
        let failure = JSONText.object([
            ("Arn", JSONText.string(arn)), ("Detail", detail.map(JSONText.string) ?? "null"), ("Reason", JSONText.string(reason)),
        ])
        return jsonReply(.ok, JSONText.object([("failure", failure)]))
    }

    private func protectionReply(_ task: TaskRecord) -> HTTPReply {
        jsonReply(.ok, protectionBody(task))
    }

    private func errorReply(
        status: HTTPResponseStatus, arn: String?, code: String, message: String, requestID: String? = nil
    ) -> HTTPReply {
        var error: [(String, String)] = []
        if let arn, !arn.isEmpty { error.append(("Arn", JSONText.string(arn))) }
        error.append(("Code", JSONText.string(code)))
        error.append(("Message", JSONText.string(message)))
        var top: [(String, String)] = []
        if let requestID { top.append(("requestID", JSONText.string(requestID))) }
        top.append(("error", JSONText.object(error)))
        return jsonReply(status, JSONText.object(top))
    }

    private func taskNotFoundReply() -> HTTPReply {
        errorReply(status: .notFound, arn: nil, code: "ResourceNotFoundException",
                   message: "Failed to find a task for the request")
    }

    private func jsonReply(_ status: HTTPResponseStatus, _ body: String) -> HTTPReply {
        reply(status: status, contentType: "application/json", body: body)
    }

    private func rateLimitedReply() -> HTTPReply {
        reply(status: .tooManyRequests, contentType: "text/plain; charset=utf-8",
              body: "You have reached maximum request limit.")
    }

    private func pageNotFoundReply() -> HTTPReply {
        reply(status: .notFound, contentType: "text/plain; charset=utf-8", body: "404 page not found\n",
              extraHeaders: [("X-Content-Type-Options", "nosniff")])
    }

    private func reply(
        status: HTTPResponseStatus, contentType: String?, body: String, extraHeaders: [(String, String)] = []
    ) -> HTTPReply {
        var headers = extraHeaders + [
            ("X-Rate-Limit-Limit", DecimalText.fixed(configuration.rateLimit.perSecond, decimals: 2)),
            ("X-Rate-Limit-Duration", "1"),
        ]
        if let contentType { headers.append(("Content-Type", contentType)) }
        return HTTPReply(status: status, headers: headers, body: Array(body.utf8))
    }
}
