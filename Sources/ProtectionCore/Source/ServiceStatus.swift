import FoundationEssentials

/// What `DescribeServices` says of one service: its counts, deployments and recent events.
public struct ServiceStatus: Sendable, Equatable {
    /// One deployment of the service.
    public struct Deployment: Sendable, Equatable {
        /// `ecs-svc/…`.
        public var id: String
        /// `PRIMARY`, `ACTIVE` (being replaced) or `INACTIVE`.
        public var status: String
        /// The task definition's `family:revision`.
        public var taskDefinition: String
        /// Tasks the deployment wants, runs and starts.
        public var desired: Int
        public var running: Int
        public var pending: Int
        /// `IN_PROGRESS`, `COMPLETED` or `FAILED`, and ECS's reason.
        public var rolloutState: String?
        public var rolloutStateReason: String?

        /// Creates a deployment.
        public init(id: String, status: String, taskDefinition: String, desired: Int, running: Int, pending: Int,
                    rolloutState: String? = nil, rolloutStateReason: String? = nil) {
            self.id = id
            self.status = status
            self.taskDefinition = taskDefinition
            self.desired = desired
            self.running = running
            self.pending = pending
            self.rolloutState = rolloutState
            self.rolloutStateReason = rolloutStateReason
        }
    }

    /// One service event, as ECS wrote it.
    public struct Event: Sendable, Equatable {
        /// ECS's id of the event.
        public var id: String
        /// When ECS wrote it.
        public var createdAt: Date
        /// The message, cleaned for a terminal.
        public var message: String

        /// Creates an event.
        public init(id: String, createdAt: Date, message: String) {
            self.id = id
            self.createdAt = createdAt
            self.message = message
        }

        /// Whether the event is about scale-in, stopping, draining or protection: what an
        /// operator watching protection needs to see first.
        public var concernsProtection: Bool {
            let text = message.lowercased()
            return ["scale in", "scale-in", "stopped", "stopping", "draining", "protect"].contains { text.contains($0) }
        }
    }

    /// The service's name.
    public var name: String
    /// Tasks the service wants, runs and is starting.
    public var desired: Int
    public var running: Int
    public var pending: Int
    /// Newest first, PRIMARY first.
    public var deployments: [Deployment]
    /// Newest first, as ECS answers them.
    public var events: [Event]

    /// Creates a service.
    public init(name: String, desired: Int, running: Int, pending: Int, deployments: [Deployment], events: [Event]) {
        self.name = name
        self.desired = desired
        self.running = running
        self.pending = pending
        self.deployments = deployments
        self.events = events
    }

    /// The deployment being rolled out, when one is: PRIMARY with its rollout IN_PROGRESS, or
    /// any ACTIVE deployment beside it.
    public var rollout: Deployment? {
        guard let primary = deployments.first(where: { $0.status == "PRIMARY" }) else { return nil }
        return primary.rolloutState == "IN_PROGRESS" || deployments.contains { $0.status == "ACTIVE" } ? primary : nil
    }
}
