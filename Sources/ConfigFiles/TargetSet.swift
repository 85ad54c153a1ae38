import ProtectionCore

/// A named set of targets from the config file (`[targets.NAME]`), opened by `ecs-protect watch
/// NAME`, with dashboard options of its own that win over `[dashboard]`.
public struct TargetSet: Equatable, Sendable {
    /// The set's name, as in `[targets.NAME]`.
    public var name: String
    /// The line of the set's table header (or of its first key for a dotted or inline table).
    public var line: Int
    /// The set's endpoints, in the order the file lists them; nil for a set chosen through the
    /// ECS API.
    public var endpoints: ConfiguredValue<[Endpoint]>?
    /// The set's tasks through the ECS API (`cluster = …`); nil for a set of endpoints.
    public var ecs: ConfiguredECSSelection?
    /// Dashboard options for this set only.
    public var defaults: DashboardDefaults

    /// The keys a set may hold besides the dashboard options.
    public static let keys = ["endpoints"] + ConfiguredECSSelection.keys

    /// What the set holds, for `ecs-protect config`: "2 endpoints" or "cluster prod".
    public var summary: String {
        if let ecs { return "cluster \(DisplaySafe.text(ecs.cluster.value))" }
        let count = endpoints?.value.count ?? 0
        return "\(count) endpoint\(count == 1 ? "" : "s")"
    }

    /// Names are what a person types after `watch`: letters, digits, `.`, `_` and `-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}
