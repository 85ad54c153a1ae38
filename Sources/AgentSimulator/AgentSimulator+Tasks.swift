import FoundationEssentials
import Synchronization

/// The simulated tasks: their list, addresses, faults and protection, and tasks added or stopped.
extension AgentSimulator {
    /// A snapshot of every task, with protection as it reads now (expired reads as off).
    public var tasks: [SimulatedTask] {
        let nowMillis = TaskStore.milliseconds(clock.now())
        let uriPrefix = agentURIPrefix
        return store.all.enumerated().map { index, record in
            let (enabled, expiry) = record.effectiveProtection(nowMillis: nowMillis)
            var task = SimulatedTask(
                index: index, endpointID: record.endpointID, taskArn: record.taskArn,
                agentURI: uriPrefix.map { $0 + record.endpointID } ?? "",
                fault: record.fault, protectionEnabled: enabled,
                expirationDate: expiry.map(TaskStore.date(milliseconds:)), service: record.service)
            task.lastStatus = record.lastStatus(nowMillis: nowMillis)
            task.revision = record.revision
            task.stopCode = record.stopCode
            return task
        }
    }

    /// ECS API requests received so far (every request, refused ones included).
    public var ecsAPIRequestCount: Int { apiCallCounter.count }

    /// Starts a new task of `service` (nil: a standalone task) and returns its index. Its agent
    /// endpoint answers at once; the ECS API lists it from now on.
    @discardableResult
    public func addTask(service: String?) -> Int {
        store.append(TaskRecord(
            endpointID: UUID().uuidString.lowercased(),
            taskArn: "arn:aws:ecs:\(configuration.region):\(configuration.account):task/\(configuration.cluster)/\(Self.randomTaskID())",
            fault: nil, service: service, startedAtMillis: TaskStore.milliseconds(clock.now())))
    }

    /// Stops task `index` as `StopTask` does (`UserInitiated`, whatever its protection): the ECS
    /// API no longer lists it, describes it as STOPPING and then STOPPED, and answers `MISSING`
    /// for its protection. Its index stays taken.
    /// - Throws: ``SimulatorError/noSuchTask(index:taskCount:)``.
    public func stopTask(_ index: Int, reason: String = "Task stopped by user", code: String = "UserInitiated") throws {
        let nowMillis = TaskStore.milliseconds(clock.now())
        let drain = scheduler.drainMillis
        guard store.update(at: index, { $0.stop(reason: reason, code: code, nowMillis: nowMillis, drainMillis: drain) }) else {
            throw SimulatorError.noSuchTask(index: index, taskCount: store.count)
        }
    }

    /// Each task's `ECS_AGENT_URI` (`http://<host>:<port>/api/<endpoint-id>`), in index order;
    /// empty before ``start()``.
    public var agentURIs: [String] {
        guard let prefix = agentURIPrefix else { return [] }
        return store.all.map { prefix + $0.endpointID }
    }

    /// Base URL of the control listener (`http://<host>:<port>`), or `nil` when there is none.
    public var controlURL: String? {
        runtime.withLock { $0.controlPort }.map { "http://\(urlHost):\($0)" }
    }

    /// Base URL of the ECS API look-alike (`http://<host>:<port>`), for `AWS_ENDPOINT_URL_ECS`;
    /// `nil` before ``start()`` or when there is none. It stays up while the agent is down.
    public var ecsAPIURL: String? {
        runtime.withLock { $0.ecsAPIPort }.map { "http://\(urlHost):\($0)" }
    }

    /// The cluster's name, for `ECS_CLUSTER` and the API's `cluster` parameter.
    public var clusterName: String { configuration.cluster }

    /// The agent listener's port, once started.
    public var agentPort: Int? {
        runtime.withLock { $0.agentPort }
    }

    private var agentURIPrefix: String? {
        runtime.withLock { $0.agentPort }.map { "http://\(urlHost):\($0)/api/" }
    }

    private var urlHost: String {
        configuration.host.contains(":" as Character) ? "[\(configuration.host)]" : configuration.host
    }

    /// Injects `fault` into task `index` (`nil` clears it). Stored protection is never changed by a fault.
    /// - Throws: ``SimulatorError/noSuchTask(index:taskCount:)``.
    public func setFault(_ fault: FaultKind?, forTask index: Int) throws {
        guard store.update(at: index, { $0.fault = fault }) else {
            throw SimulatorError.noSuchTask(index: index, taskCount: store.count)
        }
    }

    /// Seeds task `index`'s stored protection (for demos and tests). `expiresAt` is kept at
    /// millisecond precision, like ECS.
    /// - Throws: ``SimulatorError/noSuchTask(index:taskCount:)``.
    public func setProtection(forTask index: Int, enabled: Bool, expiresAt: Date?) throws {
        guard store.update(at: index, { record in
            record.protectionEnabled = enabled
            record.expiresAtMillis = enabled ? expiresAt.map(TaskStore.milliseconds) : nil
        }) else {
            throw SimulatorError.noSuchTask(index: index, taskCount: store.count)
        }
    }

    /// The index of the task with `endpointID`, if any.
    public func taskIndex(endpointID: String) -> Int? {
        store.record(endpointID: endpointID)?.index
    }
}

extension AgentSimulator {
    /// Whether a protection ending at `expiry` has run out at `now` by the simulator's own rule:
    /// both to the millisecond, rounded, as every answer and ``tasks`` reads them. A caller that
    /// compared the exact instants would see the task unprotected up to half a millisecond
    /// before its expiry "had come" (a lapse taken for an unprotect).
    public static func protectionHasExpired(_ expiry: Date, at now: Date) -> Bool {
        TaskStore.milliseconds(expiry) <= TaskStore.milliseconds(now)
    }
}
