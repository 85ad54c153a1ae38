import FoundationEssentials
import Synchronization

/// Several regions on one ECS API port: requests signed for another region reach its simulator.
extension AgentSimulator {
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
}
