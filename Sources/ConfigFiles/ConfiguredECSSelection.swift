import AWSAccess

/// The ECS API selection of a target set (`cluster = "…"` with `service`, `task`,
/// `container-instance`, `region`, `profile`): the same choice as `watch --cluster C …`, each key
/// with the line that sets it.
public struct ConfiguredECSSelection: Equatable, Sendable {
    /// The first cluster (`cluster = "prod"`, or the first of `cluster = ["prod", "us-east-1/prod"]`).
    public var cluster: ConfiguredValue<String>
    /// Every cluster, in the file's order, each `[PROFILE@][REGION/]CLUSTER` or an ARN as
    /// `--cluster` takes it: a set of more than one opens one dashboard on all of them.
    public var clusters: [String] = []
    public var services: ConfiguredValue<[String]>?
    public var tasks: ConfiguredValue<[String]>?
    public var containerInstance: ConfiguredValue<String>?
    public var region: ConfiguredValue<String>?
    public var profile: ConfiguredValue<String>?

    /// The keys of this selection in a target set.
    public static let keys = ["cluster", "service", "task", "container-instance", "region", "profile"]

    /// The tasks to reach (in the first cluster).
    public var selection: ECSTaskSelection {
        selection(of: references.first ?? ClusterReference(cluster: cluster.value))
    }

    /// Every cluster, read (the reader has checked each).
    public var references: [ClusterReference] {
        (clusters.isEmpty ? [cluster.value] : clusters).compactMap { try? ClusterReference(parsing: $0) }
    }

    /// The tasks to reach in `reference`'s cluster: `service` applies to each cluster.
    public func selection(of reference: ClusterReference) -> ECSTaskSelection {
        ECSTaskSelection(cluster: reference.cluster, services: services?.value ?? [], tasks: tasks?.value ?? [],
                         containerInstance: containerInstance?.value)
    }

    /// `reference`'s region: its own, else the set's `region`.
    public func region(of reference: ClusterReference) -> String? { reference.region ?? region?.value }

    /// `reference`'s profile: its own, else the set's `profile`.
    public func profile(of reference: ClusterReference) -> String? { reference.profile ?? profile?.value }

    /// Each key that is set, as the config file names it, with its value as text and its line.
    public var rows: [(key: String, value: String, line: Int)] {
        var rows = [(key: "cluster", value: clusters.count > 1 ? clusters.joined(separator: ", ") : cluster.value, line: cluster.line)]
        if let services { rows.append(("service", services.value.joined(separator: ", "), services.line)) }
        if let tasks { rows.append(("task", tasks.value.joined(separator: ", "), tasks.line)) }
        if let containerInstance { rows.append(("container-instance", containerInstance.value, containerInstance.line)) }
        if let region { rows.append(("region", region.value, region.line)) }
        if let profile { rows.append(("profile", profile.value, profile.line)) }
        return rows
    }

    /// The same check as the command-line options: a name, not empty, without spaces or control
    /// characters.
    public static func isValidName(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 1600 && !value.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7f }
    }
}
