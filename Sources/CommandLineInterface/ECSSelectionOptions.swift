import ArgumentParser
import AWSAccess

/// `--cluster C` with `--service`, `--task`, `--container-instance`, `--region` and `--profile`:
/// the tasks to reach through the ECS API instead of agent endpoints.
struct ECSSelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Reach tasks through the ECS API: the cluster's name or ARN.", valueName: "name|arn"))
    var cluster: String?

    // Declared for help and completion; the values are collected before parsing (see
    // ``EndpointArguments``), so thousands of them cost one linear pass.
    @Option(name: .customLong("service"), help: ArgumentHelp("Only this service's running tasks (with --cluster). Repeatable.", valueName: "name"))
    var parsedServices: [String] = []

    @Option(name: .customLong("task"), help: ArgumentHelp("This task, by id or ARN (with --cluster). Repeatable.", valueName: "id|arn"))
    var parsedTasks: [String] = []

    /// Every `--service`, in the order given.
    var services: [String] { EndpointArguments.values(of: "--service") + parsedServices }
    /// Every `--task`, in the order given.
    var tasks: [String] { EndpointArguments.values(of: "--task") + parsedTasks }

    @Option(name: .customLong("container-instance"), help: ArgumentHelp("Only tasks on this container instance (with --cluster).", valueName: "id|arn"))
    var containerInstance: String?

    @Option(name: .long, help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .long, help: "Profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, else default).")
    var profile: String?

    /// The selection, or nil when no `--cluster` was given.
    var selection: ECSTaskSelection? {
        cluster.map { ECSTaskSelection(cluster: $0, services: services, tasks: tasks, containerInstance: containerInstance) }
    }

    func validate() throws {
        if cluster == nil {
            let orphans = [("--service", !services.isEmpty), ("--task", !tasks.isEmpty),
                           ("--container-instance", containerInstance != nil), ("--region", region != nil),
                           ("--profile", profile != nil)].filter(\.1).map(\.0)
            if let first = orphans.first { throw ValidationError("\(first) needs --cluster (the ECS API is reached per cluster)") }
            return
        }
        for (name, values) in [("--cluster", [cluster ?? ""]), ("--service", services), ("--task", tasks),
                               ("--container-instance", containerInstance.map { [$0] } ?? []),
                               ("--region", region.map { [$0] } ?? []), ("--profile", profile.map { [$0] } ?? [])] {
            for value in values where value.isEmpty || value.count > 1600 || value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) {
                throw ValidationError("\(name) must be a non-empty name without spaces or control characters")
            }
        }
    }

    /// Refuses `--endpoint` together with `--cluster`: one source per run.
    func checkExclusive(with endpoints: EndpointOptions) throws {
        if cluster != nil && endpoints.givesEndpoints {
            throw ValidationError("--endpoint/--endpoints-from and --cluster cannot be combined: use one source of tasks per run")
        }
    }
}
