import AWSSigning
import FoundationEssentials
import ProtectionCore

/// The Amazon ECS API (`awsJson1.1`) for task protection: `ListTasks`, `DescribeTasks`,
/// `GetTaskProtection` (≤ 100 tasks per call) and `UpdateTaskProtection` (≤ 10 per call).
///
/// Protection answers come back per task in the agent endpoint's outcome model
/// (``ProtectionResponse``): protection, a per-task failure (`MISSING`, `TASK_NOT_VALID`,
/// `DEPLOYMENT_BLOCKED`, …), or the call's error with its request id.
public final class ECSClient: Sendable {
    /// Largest batch of `GetTaskProtection` and `DescribeTasks`.
    public static let readBatchSize = 100
    /// Largest batch of `UpdateTaskProtection`.
    public static let updateBatchSize = 10
    /// `ListTasks` pages followed at most (100 tasks each), so a looping `nextToken` cannot spin.
    public static let maximumListPages = 1000
    /// Most task ARNs one `ListTasks` page may hold (see ``ECSReplyDecoder``).
    public static let maximumListPageSize = ECSReplyDecoder.maximumListPageSize
    /// Longest `nextToken` accepted (see ``ECSReplyDecoder``).
    public static let maximumNextTokenBytes = ECSReplyDecoder.maximumNextTokenBytes

    private static let targetPrefix = "AmazonEC2ContainerServiceV20141113."
    private let sender: SignedRequestSender

    /// Creates a client from a sender whose signer has the signing name `ecs`.
    public init(sender: SignedRequestSender) {
        self.sender = sender
    }

    /// Creates a client for `endpoint` (see ``AWSEndpoint/regional(service:region:)``).
    public convenience init(
        endpoint: AWSEndpoint, region: String, credentials: any AWSCredentialsProvider, transport: any AWSHTTPTransport,
        retryPolicy: RetryPolicy = .standard, retryQuota: RetryQuota = RetryQuota(), requestTimeout: Double = 10,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(sender: SignedRequestSender(
            endpoint: endpoint, signer: SigV4Signer(service: "ecs", region: region), credentials: credentials,
            transport: transport, retryPolicy: retryPolicy, retryQuota: retryQuota, requestTimeout: requestTimeout,
            now: now))
    }

    /// HTTP requests sent so far, retries included: the unit of ECS's API rate limits.
    public var requestsSent: Int { sender.requestsSent }

    // MARK: ListTasks

    /// One `ListTasks` page.
    public struct ListTasksPage: Sendable, Equatable {
        /// Task ARNs on this page.
        public var taskArns: [String]
        /// The token of the next page, `nil` on the last.
        public var nextToken: String?
    }

    /// The filters of `ListTasks`.
    public struct ListTasksFilter: Sendable, Equatable {
        /// Cluster name or ARN (`default` when nil).
        public var cluster: String?
        /// Only tasks of this service.
        public var serviceName: String?
        /// Only tasks on this container instance.
        public var containerInstance: String?
        /// Only tasks of this family.
        public var family: String?
        /// `RUNNING` (ECS's default), `PENDING` or `STOPPED`.
        public var desiredStatus: String?
        /// `EC2`, `FARGATE`, `EXTERNAL`.
        public var launchType: String?
        /// Only tasks started by this.
        public var startedBy: String?

        /// Creates a filter.
        public init(
            cluster: String? = nil, serviceName: String? = nil, containerInstance: String? = nil, family: String? = nil,
            desiredStatus: String? = nil, launchType: String? = nil, startedBy: String? = nil
        ) {
            self.cluster = cluster
            self.serviceName = serviceName
            self.containerInstance = containerInstance
            self.family = family
            self.desiredStatus = desiredStatus
            self.launchType = launchType
            self.startedBy = startedBy
        }
    }

    /// One page of `ListTasks` (`maxResults` 1…100).
    public func listTasksPage(
        _ filter: ListTasksFilter, maxResults: Int? = nil, nextToken: String? = nil
    ) async -> Result<ListTasksPage, AWSCallError> {
        let body = ListTasksBody(
            cluster: filter.cluster, serviceName: filter.serviceName, containerInstance: filter.containerInstance,
            family: filter.family, desiredStatus: filter.desiredStatus, launchType: filter.launchType,
            startedBy: filter.startedBy, maxResults: maxResults, nextToken: nextToken)
        return await send("ListTasks", body).flatMap { response in
            ECSReplyDecoder.listTasksPage(response.body)
                .map { ListTasksPage(taskArns: $0.taskArns, nextToken: $0.nextToken) }
                .mapError { AWSCallError.transport($0.problem) }
        }
    }

    /// Every task ARN that matches, following `nextToken` (100 per page) up to
    /// ``maximumListPages`` pages; a token that repeats is an error, not a loop.
    public func listTasks(_ filter: ListTasksFilter) async -> Result<[String], AWSCallError> {
        await Self.everyPage("ListTasks") { token in
            await listTasksPage(filter, maxResults: 100, nextToken: token).map { ($0.taskArns, $0.nextToken) }
        }
    }

    /// Every item of a listing, following `nextToken` up to ``maximumListPages`` pages; a token
    /// that repeats is an error, not a loop.
    private static func everyPage(
        _ operation: String, _ page: (String?) async -> Result<(items: [String], nextToken: String?), AWSCallError>
    ) async -> Result<[String], AWSCallError> {
        var items: [String] = []
        var token: String?
        var seenTokens: Set<String> = []
        for _ in 0..<maximumListPages {
            switch await page(token) {
            case .failure(let error):
                return .failure(error)
            case .success(let page):
                items += page.items
                guard let next = page.nextToken else { return .success(items) }
                guard seenTokens.insert(next).inserted else {
                    return .failure(unexpected("\(operation) returned the same nextToken twice"))
                }
                token = next
            }
        }
        return .failure(unexpected("\(operation) had more than \(maximumListPages) pages"))
    }

    // MARK: DescribeTasks

    /// `DescribeTasks` in batches of 100. The first failing call fails the whole result.
    public func describeTasks(cluster: String?, tasks: [String]) async -> Result<DescribedTasks, AWSCallError> {
        var result = DescribedTasks(tasks: [], failures: [])
        for batch in Self.batches(Self.unique(tasks), size: Self.readBatchSize) {
            let reply = await call("DescribeTasks", TasksBody(cluster: cluster, tasks: batch), as: DescribeTasksReply.self)
            switch reply {
            case .failure(let error):
                return .failure(error)
            case .success(let reply):
                for task in reply.tasks ?? [] {
                    guard let arn = task.taskArn else { continue }
                    result.tasks.append(ECSTask(
                        taskArn: Self.clean(arn), clusterArn: task.clusterArn.map(Self.clean), group: task.group.map(Self.clean),
                        lastStatus: task.lastStatus.map(Self.clean), desiredStatus: task.desiredStatus.map(Self.clean),
                        startedAt: task.startedAt.flatMap(Self.date), availabilityZone: task.availabilityZone.map(Self.clean),
                        containerInstanceArn: task.containerInstanceArn.map(Self.clean), launchType: task.launchType.map(Self.clean),
                        taskDefinitionArn: task.taskDefinitionArn.map(Self.clean),
                        stoppedReason: task.stoppedReason.map(Self.clean), stopCode: task.stopCode.map(Self.clean)))
                }
                result.failures += (reply.failures ?? []).map(ECSReplyDecoder.failure)
            }
        }
        return .success(result)
    }

    // MARK: Services

    /// Largest batch of `DescribeServices`.
    public static let describeServicesBatchSize = 10

    /// Every service ARN of `cluster`, following `nextToken` (100 per page) up to
    /// ``maximumListPages`` pages; a token that repeats is an error, not a loop. `pace` is
    /// awaited before each call.
    public func listServices(cluster: String?, pace: @Sendable () async -> Void = {}) async -> Result<[String], AWSCallError> {
        await Self.everyPage("ListServices") { token in
            await pace()
            return await send("ListServices", ListServicesBody(cluster: cluster, maxResults: 100, nextToken: token))
                .flatMap { ECSReplyDecoder.listServicesPage($0.body).mapError { AWSCallError.transport($0.problem) } }
                .map { ($0.serviceArns, $0.nextToken) }
        }
    }

    /// `DescribeServices` in batches of 10 (names or ARNs); `pace` is awaited before each call.
    /// The first failing call fails the whole result; services ECS does not know are left out.
    public func describeServices(cluster: String?, services: [String], pace: @Sendable () async -> Void = {})
        async -> Result<[ServiceStatus], AWSCallError> {
        var result: [ServiceStatus] = []
        for batch in Self.batches(Self.unique(services), size: Self.describeServicesBatchSize) {
            await pace()
            let reply = await send("DescribeServices", DescribeServicesBody(cluster: cluster, services: batch))
                .flatMap { ECSReplyDecoder.services($0.body).mapError { AWSCallError.transport($0.problem) } }
            switch reply {
            case .failure(let error): return .failure(error)
            case .success(let services): result += services
            }
        }
        return .success(result)
    }

    // MARK: Protection

    /// One task's protection outcome.
    public struct TaskOutcome: Sendable, Equatable {
        /// The task as it was asked for (ARN or id).
        public var task: String
        /// The outcome, in the agent endpoint's model.
        public var response: ProtectionResponse
    }

    /// `GetTaskProtection` in batches of up to 100; one outcome per distinct task, in order.
    public func getTaskProtection(cluster: String, tasks: [String]) async -> [TaskOutcome] {
        var outcomes: [TaskOutcome] = []
        for batch in Self.batches(Self.unique(tasks), size: Self.readBatchSize) {
            outcomes += await protectionCall("GetTaskProtection", TasksBody(cluster: cluster, tasks: batch), tasks: batch)
        }
        return outcomes
    }

    /// `UpdateTaskProtection` in batches of up to 10; one outcome per distinct task, in order.
    /// `expiresInMinutes` (1…2880, ECS's default 120 when nil) is checked by ECS.
    public func updateTaskProtection(
        cluster: String, tasks: [String], enabled: Bool, expiresInMinutes: Int? = nil
    ) async -> [TaskOutcome] {
        var outcomes: [TaskOutcome] = []
        for batch in Self.batches(Self.unique(tasks), size: Self.updateBatchSize) {
            let body = UpdateProtectionBody(
                cluster: cluster, tasks: batch, protectionEnabled: enabled, expiresInMinutes: enabled ? expiresInMinutes : nil)
            outcomes += await protectionCall("UpdateTaskProtection", body, tasks: batch)
        }
        return outcomes
    }

    private func protectionCall(_ operation: String, _ body: some Encodable, tasks: [String]) async -> [TaskOutcome] {
        let sentAt = Date()
        let raw = await send(operation, body)
        let receivedAt = Date()
        let response: AWSHTTPResponse
        switch raw {
        case .failure(let error):
            return tasks.map { task in
                TaskOutcome(task: task, response: ProtectionResponse(
                    result: error.protectionResult(arn: task.hasPrefix("arn:") ? task : nil), httpStatus: error.httpStatus,
                    serverDate: nil, sentAt: sentAt, receivedAt: receivedAt))
            }
        case .success(let success):
            response = success
        }
        let serverDate = response.header("Date").flatMap(HTTPDate.parse)
        let make = { (task: String, result: ProtectionResult) in
            TaskOutcome(task: task, response: ProtectionResponse(
                result: result, httpStatus: response.status, serverDate: serverDate, sentAt: sentAt, receivedAt: receivedAt))
        }
        return zip(tasks, ECSReplyDecoder.protectionResults(operation, body: response.body, tasks: tasks)).map(make)
    }

    // MARK: Calls

    /// One call of `operation` with `body`, answer untouched: for probes that judge the answer
    /// themselves (`doctor`), where a per-task failure or an error code is the information.
    public func rawCall(_ operation: String, body: some Encodable) async -> Result<AWSHTTPResponse, AWSCallError> {
        await send(operation, body)
    }

    private func call<Reply: Decodable>(_ operation: String, _ body: some Encodable, as type: Reply.Type)
        async -> Result<Reply, AWSCallError> {
        await send(operation, body).flatMap { response in
            guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(response.body)) else {
                return .failure(Self.unexpected("\(operation) answer is not the expected JSON"))
            }
            return .success(reply)
        }
    }

    private func send(_ operation: String, _ body: some Encodable) async -> Result<AWSHTTPResponse, AWSCallError> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let bytes = try? encoder.encode(body) else {
            return .failure(.configuration(AWSConfigurationError("\(operation): the request could not be encoded")))
        }
        return await sender.post(
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", Self.targetPrefix + operation),
                      ("User-Agent", "ecs-protect")],
            body: Array(bytes))
    }

    // MARK: Helpers

    private static func unexpected(_ message: String) -> AWSCallError {
        .transport(.unexpectedResponse(message))
    }

    static func batches(_ items: [String], size: Int) -> [[String]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// Epoch seconds to a date; `nil` for values no task can have (before 1970 or after 9999).
    static func date(_ seconds: Double) -> Date? { ECSReplyDecoder.date(seconds) }

    static func clean(_ text: String) -> String { ECSReplyDecoder.clean(text) }
}
