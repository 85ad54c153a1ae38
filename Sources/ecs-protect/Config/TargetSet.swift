import ProtectionCore

/// A named set of targets from the config file (`[targets.NAME]`), opened by `ecs-protect watch
/// NAME`, with dashboard options of its own that win over `[dashboard]`.
struct TargetSet: Equatable {
    /// The set's name, as in `[targets.NAME]`.
    var name: String
    /// The line of the set's table header (or of its first key for a dotted or inline table).
    var line: Int
    /// The set's endpoints, in the order the file lists them.
    var endpoints: ConfiguredValue<[Endpoint]>
    /// Dashboard options for this set only.
    var defaults: DashboardDefaults

    /// The keys a set may hold besides the dashboard options.
    static let keys = ["endpoints"]

    /// Keys of the ECS API selection (a cluster and service, in a region, with a profile's
    /// credentials), which will list a service's tasks instead of naming them one by one. The
    /// schema is fixed so files can be written for it, but it is refused until it works.
    static let ecsSelectionKeys = ["cluster", "service", "region", "profile"]

    /// Names are what a person types after `watch`: letters, digits, `.`, `_` and `-`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}
