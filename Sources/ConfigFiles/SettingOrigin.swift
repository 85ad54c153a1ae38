/// Where an effective setting came from, for `ecs-protect config`.
public enum SettingOrigin: Equatable, Sendable, CustomStringConvertible {
    /// Nothing set it: the built-in default.
    case builtIn
    /// The `[dashboard]` table of the config file.
    case dashboardTable(ConfigLocation)
    /// A named target set of the config file (`[targets.NAME]`).
    case targetSet(name: String, ConfigLocation)
    /// An option on the command line.
    case commandLine
    /// The `ECS_AGENT_URI` environment variable (endpoints only).
    case environment(String)

    public var description: String {
        switch self {
        case .builtIn: "default"
        case .dashboardTable(let location): "\(location) [dashboard]"
        case .targetSet(let name, let location): "\(location) [targets.\(DisplaySafe.text(name))]"
        case .commandLine: "command line"
        case .environment(let name): "environment (\(name))"
        }
    }
}
