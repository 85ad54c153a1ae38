import FoundationEssentials
import ProtectionCore

/// What `DescribeTasks` says about one task, for labels and grouping.
public struct ECSTask: Sendable, Equatable {
    /// The task's ARN.
    public var taskArn: String
    /// The cluster's ARN.
    public var clusterArn: String?
    /// `service:NAME` for a service's task, `family:NAME` for a standalone one.
    public var group: String?
    /// `RUNNING`, `PENDING`, `STOPPED`, …
    public var lastStatus: String?
    /// What ECS is driving the task to.
    public var desiredStatus: String?
    /// When the task started.
    public var startedAt: Date?
    /// The task's availability zone.
    public var availabilityZone: String?
    /// The container instance (EC2 launch type).
    public var containerInstanceArn: String?
    /// `EC2`, `FARGATE`, `EXTERNAL`.
    public var launchType: String?
    /// The task definition's ARN.
    public var taskDefinitionArn: String?
    /// Why the task is stopping or stopped, and ECS's code for it.
    public var stoppedReason: String?
    public var stopCode: String?

    /// The service name when `group` is `service:NAME`.
    public var serviceName: String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return String(group.dropFirst("service:".count))
    }

    /// Where the task stands, for the dashboard's rows.
    public var lifecycle: TaskLifecycle {
        TaskLifecycle(
            service: serviceName, taskDefinition: taskDefinitionArn?.split(separator: "/").last.map(String.init),
            lastStatus: lastStatus, desiredStatus: desiredStatus, startedAt: startedAt, availabilityZone: availabilityZone,
            stoppedReason: stoppedReason, stopCode: stopCode)
    }

    /// The last part of the ARN (the task id).
    public var taskID: String {
        taskArn.split(separator: "/").last.map(String.init) ?? taskArn
    }

    /// Creates a description.
    public init(
        taskArn: String, clusterArn: String? = nil, group: String? = nil, lastStatus: String? = nil,
        desiredStatus: String? = nil, startedAt: Date? = nil, availabilityZone: String? = nil,
        containerInstanceArn: String? = nil, launchType: String? = nil, taskDefinitionArn: String? = nil,
        stoppedReason: String? = nil, stopCode: String? = nil
    ) {
        self.stoppedReason = stoppedReason
        self.stopCode = stopCode
        self.taskArn = taskArn
        self.clusterArn = clusterArn
        self.group = group
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.startedAt = startedAt
        self.availabilityZone = availabilityZone
        self.containerInstanceArn = containerInstanceArn
        self.launchType = launchType
        self.taskDefinitionArn = taskDefinitionArn
    }
}

/// The tasks `DescribeTasks` found and the failures for those it did not (e.g. `MISSING`).
public struct DescribedTasks: Sendable, Equatable {
    /// Found tasks, in the order ECS returned them.
    public var tasks: [ECSTask]
    /// One failure per task that was not found.
    public var failures: [ProtectionFailure]

    /// Creates a result.
    public init(tasks: [ECSTask], failures: [ProtectionFailure]) {
        self.tasks = tasks
        self.failures = failures
    }
}
