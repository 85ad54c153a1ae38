import ProtectionCore

/// Finds the tasks of an ``ECSTaskSelection``: `ListTasks` (every page) per service or for the
/// whole cluster, plus the tasks named, then `DescribeTasks` for the labels of tasks not seen before.
public struct ECSTaskDiscovery: Sendable {
    /// Why discovery failed, with the operation that failed (for the IAM hint).
    public struct Failure: Error, Sendable, Equatable {
        /// The ECS operation (`ListTasks`, `DescribeTasks`).
        public var operation: String
        /// The error.
        public var error: AWSCallError

        /// The error as the agent's error model, for rows and one-shot output.
        public var agentError: AgentError {
            var error = self.error.agentError(arn: nil)
            // A sign-in to renew is the same line everywhere.
            if error.code != ProblemHint.signInRequiredCode { error.message = "\(operation): \(error.message)" }
            return error
        }

        /// What to do about it, while polling.
        public var hint: String? {
            ProblemHint.hint(code: error.agentError(arn: nil).code, operation: operation, caller: .operatorCredentials)
        }

        /// What to do about it, for a command that calls once and exits (no polling backs off).
        public var oneShotHint: String? {
            ProblemHint.hint(code: error.agentError(arn: nil).code, operation: operation, caller: .operatorCredentials, oneShot: true)
        }
    }

    /// What one discovery found.
    public struct Outcome: Sendable, Equatable {
        /// Every selected task, in a stable order (listed tasks, then named ones not listed).
        public var tasks: [DiscoveredTask]
        /// A `DescribeTasks` failure: the tasks are still there, labelled by id only.
        public var labelProblem: Failure?
        /// Known tasks that left the listing, as `DescribeTasks` described them once they had
        /// (STOPPING, why, and ECS's stop code), by name.
        public var leaving: [String: TaskLifecycle] = [:]
    }

    /// Most tasks one discovery finds, listed and named together (1,000 pages of 100). Past it,
    /// discovery fails with a message saying to narrow the selection, so a cluster of any size
    /// (or an endpoint that never stops paging) costs bounded memory.
    public static let maximumTasks = 100_000

    let client: ECSClient
    let selection: ECSTaskSelection
    /// Awaited before every call, so discovery spends the same request budget as polling.
    let pace: @Sendable () async -> Void

    /// Creates a discovery. `pace` is awaited before each API call.
    public init(client: ECSClient, selection: ECSTaskSelection, pace: @escaping @Sendable () async -> Void = {}) {
        self.client = client
        self.selection = selection
        self.pace = pace
    }

    /// Discovers the tasks; `known` (by name) are not described again, except those that left
    /// the listing and are not in `alreadyGone`: `ListTasks` drops a task once its desired status
    /// is STOPPED, so one `DescribeTasks` (per 100) tells why it is leaving.
    public func discover(known: [String: DiscoveredTask] = [:], alreadyGone: Set<String> = []) async -> Result<Outcome, Failure> {
        var names: [String] = []
        var seen: Set<String> = []
        if selection.lists {
            let services: [String?] = selection.services.isEmpty ? [nil] : selection.services.map { $0 }
            for service in services {
                switch await listAll(service: service, budget: Self.maximumTasks - names.count) {
                case .failure(let failure): return .failure(failure)
                case .success(let arns): names += arns.filter { seen.insert($0).inserted }
                }
            }
        }
        let named = selection.tasks.filter { !seen.contains($0) }
        if names.count + named.count > Self.maximumTasks {
            return .failure(Self.tooMany)
        }
        // Named tasks are described every time: that turns an id into the ARN listing reports,
        // so a task both listed and named is one row.
        let vanished = selection.lists
            ? known.keys.filter { !seen.contains($0) && !alreadyGone.contains($0) && !selection.tasks.contains($0) } : []
        let toDescribe = names.filter { known[$0] == nil } + selection.tasks.filter { !seen.contains($0) } + vanished
        var described: [String: ECSTask] = [:]
        var labelProblem: Failure?
        for batch in ECSClient.batches(Array(Set(toDescribe)).sorted(), size: ECSClient.readBatchSize) {
            await pace()
            switch await client.describeTasks(cluster: selection.cluster, tasks: batch) {
            case .failure(let error):
                labelProblem = Failure(operation: "DescribeTasks", error: error)
            case .success(let answer):
                for task in answer.tasks {
                    described[task.taskArn] = task
                    described[task.taskID] = task
                }
            }
            if labelProblem != nil { break }
        }
        var tasks = names.map { name in
            known[name] ?? DiscoveredTask(
                name: name, service: described[name]?.serviceName, label: DiscoveredTask.label(for: name, described: described[name]),
                lifecycle: described[name]?.lifecycle)
        }
        var leaving: [String: TaskLifecycle] = [:]
        for name in vanished {
            if let task = described[name] { leaving[name] = task.lifecycle }
        }
        for named in selection.tasks {
            let task = described[named] ?? described[DiscoveredTask.taskID(of: named)]
            let name = task?.taskArn ?? named
            guard seen.insert(name).inserted else { continue }
            tasks.append(DiscoveredTask(
                name: name, service: task?.serviceName, label: DiscoveredTask.label(for: name, described: task),
                lifecycle: task?.lifecycle))
        }
        return .success(Outcome(tasks: tasks, labelProblem: labelProblem, leaving: leaving))
    }

    /// The failure when more than ``maximumTasks`` tasks are selected.
    static let tooMany = Failure(operation: "ListTasks", error: .service(AWSServiceError(
        code: "TooManyTasks",
        message: "more than \(maximumTasks) tasks match; ecs-protect finds at most \(maximumTasks) (narrow the selection with --service or --task)",
        requestID: nil, httpStatus: 200)))

    /// Every ARN of one listing, or a failure once more than `budget` are found.
    private func listAll(service: String?, budget: Int) async -> Result<[String], Failure> {
        let filter = ECSClient.ListTasksFilter(
            cluster: selection.cluster, serviceName: service, containerInstance: selection.containerInstance)
        var arns: [String] = []
        var token: String?
        var tokens: Set<String> = []
        // One page past the ceiling's 1,000 full ones, so a listing that goes on says "too many tasks".
        for _ in 0...ECSClient.maximumListPages {
            await pace()
            switch await client.listTasksPage(filter, maxResults: 100, nextToken: token) {
            case .failure(let error):
                return .failure(Failure(operation: "ListTasks", error: error))
            case .success(let page):
                // An ARN is printable ASCII of bounded length; anything else is not a task to
                // show on a terminal or send back to ECS.
                arns += page.taskArns.filter(Self.isPlausibleARN)
                guard arns.count <= budget else { return .failure(Self.tooMany) }
                guard let next = page.nextToken else { return .success(arns) }
                guard tokens.insert(next).inserted else {
                    return .failure(Failure(operation: "ListTasks", error: .transport(.unexpectedResponse("ListTasks returned the same nextToken twice"))))
                }
                token = next
            }
        }
        return .failure(Failure(operation: "ListTasks", error: .transport(.unexpectedResponse("ListTasks had more than \(ECSClient.maximumListPages) pages"))))
    }
}

extension ECSTaskDiscovery {
    static func isPlausibleARN(_ arn: String) -> Bool {
        arn.hasPrefix("arn:") && arn.utf8.count <= 2048 && arn.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f }
    }
}

extension DiscoveredTask {
    /// The id at the end of an ARN (or the name itself).
    static func taskID(of name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}
