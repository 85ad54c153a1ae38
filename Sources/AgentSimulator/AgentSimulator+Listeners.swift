import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The simulator's listeners: the agent endpoints, the ECS API and the control route, each an
/// HTTP/1.1 server on its own port with the responder for its protocol.
extension AgentSimulator {
    // MARK: Listeners

    /// The `Date` header of a listener whose host clock is `offset` seconds off the simulator's.
    func dateHeaderProvider(offset: TimeInterval = 0) -> @Sendable () -> String {
        let clock = self.clock
        return { WireTime.imfFixdate(millisecondsSince1970: TaskStore.milliseconds(clock.now().addingTimeInterval(offset))) }
    }

    func bindAgent(port: Int) async throws -> any Channel {
        let responder = AgentResponder(store: store, desiredCounts: desiredCounts, configuration: configuration, clock: clock, limiter: limiter)
        let connections = self.connections
        // The agent's `Date` is its container instance's clock; ECS, which sets ExpirationDate, keeps its own.
        return try await bind(port: port, dateOffset: configuration.agentHostClockOffset, register: { connections.add($0) }) { request in
            responder.respond(to: request)
        }
    }

    /// The ECS API of this simulator's region, served by this simulator's listener or, for a
    /// region served beside another (``AgentSimulator/serveRegion(of:)``), by that one's.
    func makeECSAPIResponder() -> ECSAPIResponder {
        ECSAPIResponder(
            store: store, configuration: configuration, clock: clock, limiter: apiLimiter, callCounter: apiCallCounter,
            desiredCounts: desiredCounts,
            identity: IdentityResponder(configuration: configuration, clock: clock, issuedTokens: IdentityResponder.IssuedTokens()),
            scheduler: scheduler, reconcile: { [weak self] in self?.reconcileServices() },
            isRegionDown: { [weak self] in self?.isRegionDown ?? false })
    }

    func bindECSAPI(port: Int) async throws -> any Channel {
        let responder = makeECSAPIResponder()
        let router = regionRouter
        let connections = apiConnections
        return try await bind(port: port, register: { connections.add($0) }) { request in
            (router.responder(for: request) ?? responder).respond(to: request)
        }
    }

    func bindControl(port: Int) async throws -> any Channel {
        let responder = ControlResponder(simulator: self)
        return try await bind(port: port, register: { _ in }) { request in
            responder.respond(to: request)
        }
    }

    func bind(
        port: Int,
        dateOffset: TimeInterval = 0,
        register: @escaping @Sendable (any Channel) -> Void,
        responder: @escaping @Sendable (IncomingRequest) -> ScheduledReply
    ) async throws -> any Channel {
        let idleTimeout = configuration.idleTimeout.timeAmount
        let dateHeader = dateHeaderProvider(offset: dateOffset)
        do {
            return try await bootstrap(port: port, idleTimeout: idleTimeout, dateHeader: dateHeader,
                                       register: register, responder: responder)
        } catch let error as IOError {
            throw SimulatorError.cannotListen(address: configuration.host, port: port,
                                              reason: String(cString: strerror(error.errnoCode)))
        } catch {
            throw SimulatorError.cannotListen(address: configuration.host, port: port, reason: String(describing: error))
        }
    }

    func bootstrap(
        port: Int, idleTimeout: TimeAmount, dateHeader: @escaping @Sendable () -> String,
        register: @escaping @Sendable (any Channel) -> Void,
        responder: @escaping @Sendable (IncomingRequest) -> ScheduledReply
    ) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                register(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPConnectionHandler(
                        idleTimeout: idleTimeout, dateHeader: dateHeader, responder: responder))
                }
            }
            .bind(host: configuration.host, port: port)
            .get()
    }
}

/// The other regions one ECS API listener serves: each region's requests go to that region's own
/// simulator (its cluster, tasks, faults, rate limit and call count), chosen by the region of the
/// request's SigV4 credential scope, as a real endpoint is chosen by its host name. A request
/// whose scope names no served region goes to the listener's own region, whose verifier then
/// refuses the scope.
final class RegionRouter: Sendable {
    private let responders = Mutex<[String: ECSAPIResponder]>([:])

    /// Serves `region` with `responder` from now on.
    func add(_ region: String, responder: ECSAPIResponder) {
        responders.withLock { $0[region] = responder }
    }

    /// The regions served besides the listener's own.
    var regions: [String] { responders.withLock { $0.keys.sorted() } }

    /// The responder for `request`'s region, when it is another served region.
    func responder(for request: IncomingRequest) -> ECSAPIResponder? {
        let authorization = request.headers.last { $0.0.lowercased() == "authorization" }?.1 ?? ""
        guard let region = RegionScope.region(ofAuthorization: authorization) else { return nil }
        return responders.withLock { $0[region] }
    }
}
