/// A task a ``TaskSource`` reports, with what an operator recognises it by.
public struct SourceTarget: Sendable, Equatable {
    /// The id every event about this task carries. Never reused for another task.
    public var id: TargetID
    /// A short name: the service and a short task id (`web/0f6c1a2b`), or the endpoint's label.
    public var label: String
    /// The task's ARN, when known.
    public var taskArn: String?
    /// The service the task belongs to, when known.
    public var service: String?
    /// The task's agent endpoint, when it is reached through one (a replay of a dashboard that
    /// watched endpoints says where each task was).
    public var endpoint: Endpoint? = nil
    /// Where the task stands in its life, when the source knows (the ECS API does).
    public var lifecycle: TaskLifecycle?
    /// Which of several sources answers for the task (`us-east-1/web`), when a dashboard watches
    /// more than one; its health is shown on its own.
    public var source: String? = nil

    /// Creates a target.
    public init(id: TargetID, label: String, taskArn: String? = nil, service: String? = nil, lifecycle: TaskLifecycle? = nil) {
        self.lifecycle = lifecycle
        self.id = id
        self.label = label
        self.taskArn = taskArn
        self.service = service
    }
}
