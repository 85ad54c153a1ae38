/// Which tasks of a cluster to watch: `--cluster` with `--service` (repeatable), `--task`
/// (repeatable) and `--container-instance`. Without services or tasks, every running task.
public struct ECSTaskSelection: Sendable, Equatable {
    /// Cluster name or ARN.
    public var cluster: String
    /// Services whose running tasks are watched.
    public var services: [String]
    /// Tasks watched by id or ARN, whether they run or not (ECS then says `MISSING`).
    public var tasks: [String]
    /// Only tasks on this container instance.
    public var containerInstance: String?

    /// Creates a selection.
    public init(cluster: String, services: [String] = [], tasks: [String] = [], containerInstance: String? = nil) {
        self.cluster = cluster
        self.services = services
        self.tasks = tasks
        self.containerInstance = containerInstance
    }

    /// Whether tasks are found by listing (services, or the whole cluster) rather than only named.
    var lists: Bool { !services.isEmpty || tasks.isEmpty }
}
