import ConfigFiles
import AWSAccess
import Foundation
import ProtectionCore

/// What a one-shot command acts on: agent endpoints (given on the command line, on standard
/// input, in `$ECS_AGENT_URI` or by a target set) or a cluster's tasks (`--cluster` or a target
/// set that names one).
enum OneShotTargets {
    case endpoints([Endpoint])
    case cluster(ECSTaskSelection, region: String?, profile: String?)

    /// Resolves `options`; a target set comes from the config file, whose problems are reported
    /// as the dashboard reports them (one line, exit 64).
    static func resolve(_ options: OneShotOptions,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OneShotTargets {
        if let name = options.targetSet {
            let set = try ConfigError.reporting {
                let path = ConfigFile.defaultPath(environment: environment)
                let file = try path.flatMap { path throws(ConfigError) in try ConfigFile.load(path: path) }
                return try EffectiveDashboardSettings.targetSet(named: name, in: file, path: path)
            }
            if let ecs = set.ecs { return .cluster(ecs.selection, region: ecs.region?.value, profile: ecs.profile?.value) }
            return .endpoints(set.endpoints?.value ?? [])
        }
        if let selection = options.ecs.selection {
            return .cluster(selection, region: options.ecs.region, profile: options.ecs.profile)
        }
        return .endpoints(try options.endpoints.resolve(environment: environment))
    }
}
