import FoundationEssentials

/// A snapshot of one simulated task: its addressing, active fault and stored protection.
public struct SimulatedTask: Sendable, Equatable {
    /// Zero-based position among the simulator's tasks.
    public var index: Int
    /// The id in `ECS_AGENT_URI` (`…/api/<endpointID>`).
    public var endpointID: String
    /// `arn:aws:ecs:<region>:<account>:task/<cluster>/<32 hex>`.
    public var taskArn: String
    /// The task's `ECS_AGENT_URI`; empty before ``AgentSimulator/start()``.
    public var agentURI: String
    /// The injected fault, if any.
    public var fault: FaultKind?
    /// Whether protection is on now (an expired protection reads as off).
    public var protectionEnabled: Bool
    /// When protection ends; `nil` when off.
    public var expirationDate: Date?
    /// The service the task belongs to (ECS API `group` `service:NAME`); `nil` for a standalone task.
    public var service: String?
    /// ECS's last status: RUNNING, STOPPING (told to stop, draining) or STOPPED.
    public var lastStatus: String = "RUNNING"
    /// The task definition revision the task runs.
    public var revision: Int = 1
    /// ECS's code for why the task stopped (`ServiceSchedulerInitiated`, `UserInitiated`, …).
    public var stopCode: String?

    /// Creates a snapshot.
    public init(
        index: Int, endpointID: String, taskArn: String, agentURI: String,
        fault: FaultKind?, protectionEnabled: Bool, expirationDate: Date?, service: String? = nil
    ) {
        self.service = service
        self.index = index
        self.endpointID = endpointID
        self.taskArn = taskArn
        self.agentURI = agentURI
        self.fault = fault
        self.protectionEnabled = protectionEnabled
        self.expirationDate = expirationDate
    }
}
