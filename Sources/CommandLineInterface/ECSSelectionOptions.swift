import ArgumentParser
import AWSAccess

/// `--cluster C` with `--service`, `--task`, `--container-instance`, `--region` and `--profile`:
/// the tasks to reach through the ECS API instead of agent endpoints.
struct ECSSelectionOptions: ParsableArguments {
    @Option(name: .customLong("cluster"), help: ArgumentHelp(
        "Reach tasks through the ECS API: [PROFILE@][REGION/]CLUSTER or a cluster ARN. Repeatable (watch): one dashboard on several clusters.",
        valueName: "[profile@][region/]name|arn"))
    var clusters: [String] = []

    /// The first `--cluster`, as given (the one a one-shot command reaches).
    var cluster: String? { clusters.first }

    /// Every `--cluster`, read; call after ``validate()``.
    var references: [ClusterReference] { clusters.compactMap { try? ClusterReference(parsing: $0) } }

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

    /// The selection of the first cluster, or nil when no `--cluster` was given.
    var selection: ECSTaskSelection? {
        references.first.map(selection(of:))
    }

    /// The tasks to watch in `reference`'s cluster: `--service` applies to each cluster.
    func selection(of reference: ClusterReference) -> ECSTaskSelection {
        ECSTaskSelection(cluster: reference.cluster, services: services, tasks: tasks, containerInstance: containerInstance)
    }

    /// `reference`'s region: its own, else `--region` (else, later, the usual settings).
    func region(of reference: ClusterReference) -> String? { reference.region ?? region }

    /// `reference`'s profile: its own, else `--profile`.
    func profile(of reference: ClusterReference) -> String? { reference.profile ?? profile }

    func validate() throws {
        if cluster == nil {
            let orphans = [("--service", !services.isEmpty), ("--task", !tasks.isEmpty),
                           ("--container-instance", containerInstance != nil), ("--region", region != nil),
                           ("--profile", profile != nil)].filter(\.1).map(\.0)
            if let first = orphans.first { throw ValidationError("\(first) needs --cluster (the ECS API is reached per cluster)") }
            return
        }
        for value in clusters {
            do {
                _ = try ClusterReference(parsing: value)
            } catch {
                throw ValidationError(error.message)
            }
        }
        if clusters.count > 1, !tasks.isEmpty || containerInstance != nil {
            throw ValidationError("--task and --container-instance name one cluster's tasks: give them with one --cluster")
        }
        for (name, values) in [("--service", services), ("--task", tasks),
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
