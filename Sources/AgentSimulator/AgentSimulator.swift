import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An in-process HTTP/1.1 server that behaves like the ECS agent's task-protection endpoint
/// (`$ECS_AGENT_URI/task-protection/v1/state`) for several tasks at once, with per-task fault
/// injection, a clock that tests can drive, and an "agent down" switch.
///
/// A separate control listener (see ``ControlResponder``) lets other processes inspect tasks,
/// change faults and take the agent down while it is down.
public final class AgentSimulator: Sendable {
    private struct Runtime {
        var started = false
        var agentDown = false
        var agentChannel: (any Channel)?
        var controlChannel: (any Channel)?
        var agentPort: Int?
        var controlPort: Int?
        var ecsAPIChannel: (any Channel)?
        var ecsAPIPort: Int?
        var ecsAPIDown = false
        var regionDown = false
    }

    /// The configuration the simulator was created with.
    public let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let store: TaskStore
    let limiter: RateLimiter
    let apiLimiter: RateLimiter
    let apiCallCounter = CallCounter()
    let connections = ConnectionRegistry()
    /// The ECS API's connections: they stay open while the agent is down.
    let apiConnections = ConnectionRegistry()
    private let runtime = Mutex(Runtime())
    /// Shared with the ECS API responder, so a change applies to the next call.
    let desiredCounts: DesiredCountTable
    /// Services' deployments and events, and the tasks they start and stop.
    let scheduler: ServiceScheduler
    /// The other regions this simulator's ECS API listener serves.
    let regionRouter = RegionRouter()
    /// The simulators of those regions, by region.
    private let regionPeers = Mutex<[String: AgentSimulator]>([:])
    private let logger = Logger(label: "ecs-protect.agent-simulator")

    /// Creates the tasks (random endpoint ids and task ids); nothing listens until ``start()``.
    public init(configuration: SimulatorConfiguration, clock: any SimulatorClock = SystemSimulatorClock()) {
        self.configuration = configuration
        self.clock = clock
        limiter = RateLimiter(limit: configuration.rateLimit)
        apiLimiter = RateLimiter(limit: configuration.apiRateLimit)
        let startedAt = TaskStore.milliseconds(clock.now()) - 3_600_000
        let records = (0..<max(0, configuration.taskCount)).map { index in
            TaskRecord(
                endpointID: UUID().uuidString.lowercased(),
                taskArn: "arn:aws:ecs:\(configuration.region):\(configuration.account):task/"
                    + "\(configuration.cluster)/\(Self.randomTaskID())",
                fault: configuration.initialFaults[index],
                service: configuration.taskServices[index] ?? configuration.defaultService,
                startedAtMillis: startedAt + Int64(index) * 1000)
        }
        store = TaskStore(records: records)
        desiredCounts = DesiredCountTable(configuration.serviceDesiredCounts)
        scheduler = ServiceScheduler(drainSeconds: configuration.stoppingSeconds)
    }

    private static func randomTaskID() -> String {
        (0..<32).map { _ in String(UInt8.random(in: 0..<16), radix: 16) }.joined()
    }

    // MARK: Lifecycle

    /// Binds the agent listener (and the control listener unless `controlPort` is `nil`).
    /// After this, ``agentURIs`` and ``controlURL`` are known.
    /// - Throws: ``SimulatorError/invalidConfiguration(_:)`` or the bind error.
    public func start() async throws {
        try validate()
        guard runtime.withLock({ state in
            defer { state.started = true }
            return !state.started
        }) else { return }
        do {
            let agent = try await bindAgent(port: configuration.port)
            let port = agent.localAddress?.port ?? configuration.port
            runtime.withLock {
                $0.agentChannel = agent
                $0.agentPort = port
            }
            if let controlPort = configuration.controlPort {
                let control = try await bindControl(port: controlPort)
                runtime.withLock {
                    $0.controlChannel = control
                    $0.controlPort = control.localAddress?.port
                }
            }
            if let apiPort = configuration.ecsAPIPort {
                let api = try await bindECSAPI(port: apiPort)
                runtime.withLock {
                    $0.ecsAPIChannel = api
                    $0.ecsAPIPort = api.localAddress?.port
                }
            }
            logger.debug("agent simulator listening", metadata: ["port": "\(port)"])
        } catch {
            try? await shutdown()
            throw error
        }
    }

    private func validate() throws(SimulatorError) {
        guard configuration.taskCount >= 0 else {
            throw .invalidConfiguration("taskCount must not be negative (got \(configuration.taskCount))")
        }
        guard (0...65_535).contains(configuration.port) else {
            throw .invalidConfiguration("port must be in 0...65535 (got \(configuration.port))")
        }
        if let controlPort = configuration.controlPort, !(0...65_535).contains(controlPort) {
            throw .invalidConfiguration("controlPort must be in 0...65535 (got \(controlPort))")
        }
        if let apiPort = configuration.ecsAPIPort, !(0...65_535).contains(apiPort) {
            throw .invalidConfiguration("ecsAPIPort must be in 0...65535 (got \(apiPort))")
        }
        guard configuration.apiRateLimit.burst >= 1, configuration.apiRateLimit.perSecond > 0 else {
            throw .invalidConfiguration("apiRateLimit needs a burst of at least 1 and a positive rate")
        }
        if let bad = configuration.initialFaults.keys.first(where: { !(0..<configuration.taskCount).contains($0) }) {
            throw .invalidConfiguration(SimulatorError.noSuchTask(index: bad, taskCount: configuration.taskCount)
                .description)
        }
        guard configuration.rateLimit.burst >= 1, configuration.rateLimit.perSecond > 0 else {
            throw .invalidConfiguration("rateLimit needs a burst of at least 1 and a positive rate")
        }
    }

    /// Closes every listener and every open connection.
    public func shutdown() async throws {
        let (agent, control, api) = runtime.withLock { state in
            defer {
                state.agentChannel = nil
                state.controlChannel = nil
                state.ecsAPIChannel = nil
            }
            return (state.agentChannel, state.controlChannel, state.ecsAPIChannel)
        }
        try? await agent?.close()
        try? await control?.close()
        try? await api?.close()
        await connections.closeAll()
        await apiConnections.closeAll()
    }

    // MARK: Agent down / up

    /// Whether the agent is simulated as down (its port refuses connections).
    public var isAgentDown: Bool {
        runtime.withLock { $0.agentDown }
    }

    /// `true`: closes the agent's listening socket and all its connections (the control listener
    /// stays up). `false`: re-binds the same port. Tasks and their protection survive.
    /// - Throws: ``SimulatorError/notRunning`` before ``start()``, or the bind error.
    public func setAgentDown(_ down: Bool) async throws {
        try await setListener(.agent, down: down)
    }

    /// Whether the ECS API look-alike is simulated as down (its port refuses connections).
    public var isECSAPIDown: Bool {
        runtime.withLock { $0.ecsAPIDown }
    }

    /// `true`: closes the ECS API's listening socket and its connections (the agent endpoints stay
    /// up). `false`: re-binds the same port.
    /// - Throws: ``SimulatorError/notRunning`` before ``start()`` or without an API listener, or the bind error.
    public func setECSAPIDown(_ down: Bool) async throws {
        try await setListener(.ecsAPI, down: down)
    }

    /// The two listeners that can be taken down, and where their state lives.
    private enum Listener {
        case agent, ecsAPI

        var isDown: WritableKeyPath<Runtime, Bool> { self == .agent ? \.agentDown : \.ecsAPIDown }
        var channel: WritableKeyPath<Runtime, (any Channel)?> { self == .agent ? \.agentChannel : \.ecsAPIChannel }
        var port: KeyPath<Runtime, Int?> { self == .agent ? \.agentPort : \.ecsAPIPort }
        var name: String { self == .agent ? "agent" : "ECS API" }
    }

    /// Closes `listener`'s socket and its connections, or re-binds its port when it was down.
    private func setListener(_ listener: Listener, down: Bool) async throws {
        let (started, wasDown, port) = runtime.withLock { state in
            defer { if state.started, state[keyPath: listener.port] != nil { state[keyPath: listener.isDown] = down } }
            return (state.started, state[keyPath: listener.isDown], state[keyPath: listener.port])
        }
        guard started, let port else { throw SimulatorError.notRunning }
        if down {
            let channel = runtime.withLock { state in
                defer { state[keyPath: listener.channel] = nil }
                return state[keyPath: listener.channel]
            }
            try? await channel?.close()
            await (listener == .agent ? connections : apiConnections).closeAll()
            logger.debug("\(listener.name) simulator down")
        } else if wasDown {
            do {
                let channel = try await (listener == .agent ? bindAgent(port: port) : bindECSAPI(port: port))
                runtime.withLock { $0[keyPath: listener.channel] = channel }
                logger.debug("\(listener.name) simulator back up", metadata: ["port": "\(port)"])
            } catch {
                runtime.withLock { $0[keyPath: listener.isDown] = true }
                throw error
            }
        }
    }

    // MARK: Regions

    /// Serves `other`'s region on this simulator's ECS API port too: requests signed for that
    /// region reach `other`'s cluster, tasks, faults, rate limit and call count. `other` needs no
    /// listener of its own (it is not started); it must share this simulator's API keys.
    /// - Throws: ``SimulatorError/invalidConfiguration(_:)`` for this simulator's own region or one already served.
    public func serveRegion(of other: AgentSimulator) throws(SimulatorError) {
        let region = other.configuration.region
        guard region != configuration.region, regionPeers.withLock({ $0[region] == nil }) else {
            throw .invalidConfiguration("region \(region) is already served on this ECS API port")
        }
        regionPeers.withLock { $0[region] = other }
        regionRouter.add(region, responder: other.makeECSAPIResponder())
    }

    /// The simulators of the other regions served on this port, by region.
    public var regionSimulators: [String: AgentSimulator] { regionPeers.withLock { $0 } }

    /// The simulator serving `region` on this port: this one or one added by ``serveRegion(of:)``.
    public func simulator(forRegion region: String) -> AgentSimulator? {
        region == configuration.region ? self : regionPeers.withLock { $0[region] }
    }

    /// Whether this simulator's region is out: its ECS API answers every call 503.
    public var isRegionDown: Bool { runtime.withLock { $0.regionDown } }

    /// Takes this simulator's region out (`true`: every ECS API call answered 503
    /// `ServiceUnavailableException`, the listener and other regions on it unaffected) or back.
    public func setRegionDown(_ down: Bool) {
        runtime.withLock { $0.regionDown = down }
        logger.debug("region \(configuration.region) \(down ? "down" : "up")")
    }

    // MARK: Services

    /// The desired count the ECS API checks `DEPLOYMENT_BLOCKED` against for `service`, when one is set.
    public func desiredCount(forService service: String) -> Int? {
        desiredCounts[service]
    }

    /// Sets `service`'s desired count (a scale in or out); `nil` goes back to "every task of the service".
    /// From then on the service scheduler keeps the service at that count: a scale-in stops
    /// unprotected tasks and waits for protected ones, a scale-out starts tasks.
    public func setDesiredCount(_ count: Int?, forService service: String) {
        desiredCounts.set(count.map { max(0, $0) }, for: service)
        scheduler.schedule(service, nowMillis: TaskStore.milliseconds(clock.now()))
        reconcileServices()
    }

    /// Deploys the next task definition revision of `service`: new tasks start up to the desired
    /// count, old ones stop as their protection allows, and the rollout stays IN_PROGRESS while
    /// protected old tasks run.
    public func deploy(service: String) {
        scheduler.deploy(service, nowMillis: TaskStore.milliseconds(clock.now()))
        reconcileServices()
    }

    /// Runs the service scheduler once at the simulator's time (the ECS API runs it on each call).
    public func reconcileServices() {
        let nowMillis = TaskStore.milliseconds(clock.now())
        let configuration = configuration
        store.withRecords { records in
            scheduler.reconcile(records: &records, desired: desiredCounts, nowMillis: nowMillis) { service, revision, deployment in
                var record = TaskRecord(
                    endpointID: UUID().uuidString.lowercased(),
                    taskArn: "arn:aws:ecs:\(configuration.region):\(configuration.account):task/\(configuration.cluster)/\(Self.randomTaskID())",
                    fault: nil, service: service, startedAtMillis: nowMillis)
                record.revision = revision
                record.startedBy = deployment
                return record
            }
        }
    }

    /// The services' recent events, newest first (as `DescribeServices` answers them).
    public func serviceEvents(_ service: String) -> [String] {
        let nowMillis = TaskStore.milliseconds(clock.now())
        return scheduler.snapshot(records: store.all, nowMillis: nowMillis).first { $0.name == service }?.events.map(\.message) ?? []
    }

    // MARK: Tasks

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
        configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
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
