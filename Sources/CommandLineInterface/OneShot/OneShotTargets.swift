import ArgumentParser
import ConfigFiles
import AWSAccess
import FoundationEssentials
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
            if let ecs = set.ecs, let reference = ecs.references.first {
                guard ecs.references.count == 1 else {
                    throw ValidationError("target set \(name) lists \(ecs.references.count) clusters: one-shot commands act on one cluster at a time (watch takes several)")
                }
                return .cluster(ecs.selection(of: reference), region: ecs.region(of: reference), profile: ecs.profile(of: reference))
            }
            return .endpoints(set.endpoints?.value ?? [])
        }
        if let reference = options.ecs.references.first {
            return .cluster(options.ecs.selection(of: reference), region: options.ecs.region(of: reference),
                            profile: options.ecs.profile(of: reference))
        }
        return .endpoints(try options.endpoints.resolve(environment: environment))
    }
}
