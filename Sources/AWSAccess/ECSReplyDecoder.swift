import FoundationEssentials
import ProtectionCore

/// Turns the bodies of successful ECS answers into ecs-protect's model, trusting nothing: every
/// field is optional and checked, text is cleaned, and sizes are bounded. Pure (no I/O), so the
/// fuzz target runs it on any bytes.
enum ECSReplyDecoder {
    /// Most task ARNs one `ListTasks` page may hold: the API's own maximum of `maxResults`. A page
    /// with more is an error (a broken or hostile endpoint sent 80,000 per page with a fresh
    /// `nextToken` each time, and memory grew without end).
    static let maximumListPageSize = 100
    /// Longest `nextToken` accepted (ECS's are a few hundred bytes): every token is remembered
    /// to catch a loop, so their size must be bounded too.
    static let maximumNextTokenBytes = 4096

    /// An answer that is not what the operation returns.
    struct BadReply: Error {
        var problem: TransportProblem
        init(_ problem: TransportProblem) { self.problem = problem }
    }

    /// One `ListTasks` page: its ARNs and the next token (nil on the last page).
    static func listTasksPage(_ body: [UInt8]) -> Result<(taskArns: [String], nextToken: String?), BadReply> {
        guard let reply = try? JSONDecoder().decode(ListTasksReply.self, from: Data(body)) else {
            return .failure(BadReply(.unexpectedResponse("ListTasks answer is not the expected JSON")))
        }
        guard let arns = reply.taskArns else { return .failure(BadReply(.unexpectedResponse("ListTasks answer has no taskArns"))) }
        guard arns.count <= maximumListPageSize else {
            return .failure(BadReply(.unexpectedResponse(
                "ListTasks answered \(arns.count) task ARNs on one page; the API sends at most \(maximumListPageSize)")))
        }
        if let token = reply.nextToken, token.utf8.count > maximumNextTokenBytes {
            return .failure(BadReply(.unexpectedResponse(
                "ListTasks answered a nextToken of \(token.utf8.count) bytes; at most \(maximumNextTokenBytes) are accepted")))
        }
        return .success((arns, reply.nextToken.flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// Most events kept of one service (ECS answers at most 100).
    static let maximumServiceEvents = 100

    /// One `ListServices` page: its ARNs (printable, bounded) and the next token.
    static func listServicesPage(_ body: [UInt8]) -> Result<(serviceArns: [String], nextToken: String?), BadReply> {
        guard let reply = try? JSONDecoder().decode(ListServicesReply.self, from: Data(body)) else {
            return .failure(BadReply(.unexpectedResponse("ListServices answer is not the expected JSON")))
        }
        guard let arns = reply.serviceArns else {
            return .failure(BadReply(.unexpectedResponse("ListServices answer has no serviceArns")))
        }
        guard arns.count <= maximumListPageSize else {
            return .failure(BadReply(.unexpectedResponse(
                "ListServices answered \(arns.count) service ARNs on one page; the API sends at most \(maximumListPageSize)")))
        }
        if let token = reply.nextToken, token.utf8.count > maximumNextTokenBytes {
            return .failure(BadReply(.unexpectedResponse(
                "ListServices answered a nextToken of \(token.utf8.count) bytes; at most \(maximumNextTokenBytes) are accepted")))
        }
        let plausible = arns.filter { $0.utf8.count <= 2048 && $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f } }
        return .success((plausible, reply.nextToken.flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// The services of a `DescribeServices` answer; a service without a name is left out, missing
    /// counts read as 0, text is cleaned and events are bounded.
    static func services(_ body: [UInt8]) -> Result<[ServiceStatus], BadReply> {
        guard let reply = try? JSONDecoder().decode(DescribeServicesReply.self, from: Data(body)) else {
            return .failure(BadReply(.unexpectedResponse("DescribeServices answer is not the expected JSON")))
        }
        return .success((reply.services ?? []).compactMap { wire in
            guard let name = wire.serviceName.map({ clean($0, limit: 255) }), !name.isEmpty else { return nil }
            let deployments = (wire.deployments ?? []).prefix(20).map { deployment in
                ServiceStatus.Deployment(
                    id: clean(deployment.id ?? "", limit: 128), status: clean(deployment.status ?? "?", limit: 32),
                    taskDefinition: clean(deployment.taskDefinition.flatMap { $0.split(separator: "/").last.map(String.init) } ?? "?",
                                          limit: 300),
                    desired: nonNegative(deployment.desiredCount), running: nonNegative(deployment.runningCount),
                    pending: nonNegative(deployment.pendingCount), rolloutState: deployment.rolloutState.map { clean($0, limit: 32) },
                    rolloutStateReason: deployment.rolloutStateReason.map { clean($0, limit: 512) })
            }
            let events = (wire.events ?? []).prefix(maximumServiceEvents).compactMap { event -> ServiceStatus.Event? in
                guard let message = event.message, let created = event.createdAt.flatMap(date) else { return nil }
                return ServiceStatus.Event(id: clean(event.id ?? "", limit: 128), createdAt: created, message: clean(message, limit: 1024))
            }
            return ServiceStatus(
                name: name, desired: nonNegative(wire.desiredCount), running: nonNegative(wire.runningCount), pending: nonNegative(wire.pendingCount),
                deployments: Array(deployments), events: Array(events))
        })
    }

    /// A count as ECS answers it; a negative or absent one reads as 0.
    private static func nonNegative(_ value: Int?) -> Int { max(0, min(value ?? 0, 1_000_000)) }

    /// The answer of `GetTaskProtection` or `UpdateTaskProtection` for each of `tasks`, in order:
    /// its protection, its failure, or why the answer says nothing usable about it.
    static func protectionResults(_ operation: String, body: [UInt8], tasks: [String]) -> [ProtectionResult] {
        guard let reply = try? JSONDecoder().decode(ProtectionReply.self, from: Data(body)) else {
            return tasks.map { _ in .transport(.unexpectedResponse("\(operation) answer is not the expected JSON")) }
        }
        var byTask: [String: ProtectionResult] = [:]
        for protected in reply.protectedTasks ?? [] {
            guard let arn = protected.taskArn, let task = requestedTask(for: arn, in: tasks) else { continue }
            guard let enabled = protected.protectionEnabled else {
                byTask[task] = .transport(.unexpectedResponse("\(operation) answer has no protectionEnabled for a task"))
                continue
            }
            var expiry: Date?
            if let seconds = protected.expirationDate {
                guard let date = date(seconds) else {
                    byTask[task] = .transport(.unexpectedResponse("\(operation) answer has an impossible expirationDate"))
                    continue
                }
                expiry = date
            }
            byTask[task] = .protection(TaskProtection(enabled: enabled, expirationDate: expiry, taskArn: clean(arn)))
        }
        for failure in reply.failures ?? [] {
            guard let arn = failure.arn, let task = requestedTask(for: arn, in: tasks), byTask[task] == nil else { continue }
            byTask[task] = .failure(Self.failure(failure))
        }
        return tasks.map { task in
            byTask[task] ?? .transport(.unexpectedResponse("\(operation) answer does not mention this task"))
        }
    }

    /// The requested task an answered ARN belongs to: the same ARN, or the id at its end.
    static func requestedTask(for arn: String, in tasks: [String]) -> String? {
        tasks.first { $0 == arn } ?? tasks.first { !$0.hasPrefix("arn:") && arn.hasSuffix("/" + $0) }
    }

    /// Epoch seconds to a date; `nil` for values no task can have (before 1970 or after 9999).
    static func date(_ seconds: Double) -> Date? {
        guard seconds.isFinite, seconds >= 0, seconds < 253_402_300_800 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    static func failure(_ wire: FailureWire) -> ProtectionFailure {
        ProtectionFailure(arn: wire.arn.map(clean), reason: wire.reason.map(clean), detail: wire.detail.map(clean))
    }

    static func clean(_ text: String) -> String {
        TextSanitizer.clean(text, limit: 2048)
    }

    static func clean(_ text: String, limit: Int) -> String {
        TextSanitizer.clean(text, limit: limit)
    }
}
