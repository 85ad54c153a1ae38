import AgentSimulator
import Dashboard
import ProtectionCore

/// The demo's handle on its in-process simulator: fault injection and taking the agent (or the
/// ECS API) down, reported back to the dashboard as events.
public struct DemoControls: Sendable {
    public let simulator: AgentSimulator
    /// Whether the dashboard's tasks come from the simulated ECS API: `D` then takes that down
    /// instead of the agent endpoints nobody is polling.
    public var tasksFromECSAPI = false

    /// Fault kinds offered in the fault menu, in their command-line spelling.
    /// In a demo on several regions, the region `D` takes down (the others keep answering).
    public var regionToTakeDown: AgentSimulator?

    /// The demo's handle on `simulator`; `tasksFromECSAPI` when the dashboard polls its ECS API.
    public init(simulator: AgentSimulator, tasksFromECSAPI: Bool = false, regionToTakeDown: AgentSimulator? = nil) {
        self.simulator = simulator
        self.tasksFromECSAPI = tasksFromECSAPI
        self.regionToTakeDown = regionToTakeDown
    }

    /// Faults are injected by the simulator's task number, which a demo on several regions does
    /// not show: there the fault menu has nothing to offer.
    public var faultKinds: [String] { regionToTakeDown == nil ? FaultKind.allCases.map(\.rawValue) : [] }

    /// The faults the simulator starts with, so the fault menu shows them before any change.
    public var initialEvents: [DashboardEvent] {
        guard regionToTakeDown == nil else { return [] }
        return simulator.tasks.compactMap { task in task.fault.map { .faultChanged(target: task.index, kind: $0.rawValue) } }
    }

    public func setFault(_ kind: String?, target: TargetID, inbox: EventInbox) {
        do {
            let fault = try kind.map { name throws(FaultParseError) in try FaultKind(argument: name) }
            try simulator.setFault(fault, forTask: target)
            inbox.post(.faultChanged(target: target, kind: fault?.rawValue))
        } catch {
            inbox.post(.effectFailed(.setFault(target: target, kind: kind), "fault not changed: \(error)"))
        }
    }

    public func setAgentDown(_ down: Bool, inbox: EventInbox) {
        let simulator = simulator, tasksFromECSAPI = tasksFromECSAPI, region = regionToTakeDown
        Task.detached {
            do {
                if let region {
                    region.setRegionDown(down)
                } else if tasksFromECSAPI {
                    try await simulator.setECSAPIDown(down)
                } else {
                    try await simulator.setAgentDown(down)
                }
                inbox.post(.agentAvailabilityChanged(down: down))
            } catch {
                inbox.post(.effectFailed(.setAgentDown(down), "agent \(down ? "not taken down" : "not brought back"): \(error)"))
            }
        }
    }
}
