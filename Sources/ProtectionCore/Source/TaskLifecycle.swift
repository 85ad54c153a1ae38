import FoundationEssentials

/// Where a task of the ECS API stands in its life, as `DescribeTasks` says.
public struct TaskLifecycle: Sendable, Equatable {
    /// The service it belongs to (`group` `service:NAME`).
    public var service: String?
    /// The task definition's `family:revision`.
    public var taskDefinition: String?
    /// `PROVISIONING`, `PENDING`, `RUNNING`, `DEACTIVATING`, `STOPPING`, `STOPPED`, …
    public var lastStatus: String?
    /// What ECS drives it to: `RUNNING` or `STOPPED`.
    public var desiredStatus: String?
    /// When it started.
    public var startedAt: Date?
    /// Its availability zone.
    public var availabilityZone: String?
    /// Why it is stopping or stopped, and ECS's code for it (`ServiceSchedulerInitiated`,
    /// `SpotInterruption`, `UserInitiated`, `EssentialContainerExited`, …).
    public var stoppedReason: String?
    public var stopCode: String?

    /// Creates a lifecycle.
    public init(service: String? = nil, taskDefinition: String? = nil, lastStatus: String? = nil, desiredStatus: String? = nil,
                startedAt: Date? = nil, availabilityZone: String? = nil, stoppedReason: String? = nil, stopCode: String? = nil) {
        self.service = service
        self.taskDefinition = taskDefinition
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.startedAt = startedAt
        self.availabilityZone = availabilityZone
        self.stoppedReason = stoppedReason
        self.stopCode = stopCode
    }

    /// The revision part of the task definition (`web:7` → `7`).
    public var revision: String? {
        taskDefinition?.split(separator: ":").last.map(String.init)
    }

    /// Whether the task is on its way out (told to stop, or past RUNNING).
    public var isLeaving: Bool {
        desiredStatus == "STOPPED" || ["DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"].contains(lastStatus ?? "")
    }

    /// Whether the service scheduler itself stopped it: what protection should have prevented.
    public var stoppedByScheduler: Bool { stopCode == "ServiceSchedulerInitiated" }
}
