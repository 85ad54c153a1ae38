import FoundationEssentials
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
    struct Runtime {
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
    let runtime = Mutex(Runtime())
    /// Shared with the ECS API responder, so a change applies to the next call.
    let desiredCounts: DesiredCountTable
    /// Services' deployments and events, and the tasks they start and stop.
    let scheduler: ServiceScheduler
    /// The other regions this simulator's ECS API listener serves.
    let regionRouter = RegionRouter()
    /// The simulators of those regions, by region.
    let regionPeers = Mutex<[String: AgentSimulator]>([:])
    let logger = Logger(label: "ecs-protect.agent-simulator")

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

    static func randomTaskID() -> String {
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
}
