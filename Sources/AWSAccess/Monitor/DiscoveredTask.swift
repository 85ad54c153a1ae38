import ProtectionCore

/// A task found by discovery, with its label.
public struct DiscoveredTask: Sendable, Equatable {
    /// The name protection calls use: the ARN, or the id or ARN given with `--task` when ECS did
    /// not describe it.
    public var name: String
    /// The service, when the task belongs to one.
    public var service: String?
    /// What an operator recognises: the service (or family) and a short task id, `web/0f6c1a2b`.
    public var label: String
    /// Where the task stood when `DescribeTasks` last described it.
    public var lifecycle: TaskLifecycle?

    /// Creates a task.
    public init(name: String, service: String?, label: String, lifecycle: TaskLifecycle? = nil) {
        self.lifecycle = lifecycle
        self.name = name
        self.service = service
        self.label = label
    }

    /// The first eight characters of a task id, enough to tell a service's tasks apart.
    static func shortID(_ name: String) -> String {
        let id = name.split(separator: "/").last.map(String.init) ?? name
        return String(id.prefix(8))
    }

    /// A label from what `DescribeTasks` said, or from the name alone.
    static func label(for name: String, described: ECSTask?) -> String {
        guard let described else { return shortID(name) }
        let owner = described.serviceName
            ?? described.group.flatMap { $0.hasPrefix("family:") ? String($0.dropFirst("family:".count)) : nil }
        return owner.map { "\($0)/\(shortID(described.taskArn))" } ?? shortID(described.taskArn)
    }
}
