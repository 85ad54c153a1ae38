import ConfigFiles
import ArgumentParser

/// The rule of every command that takes a saved target set NAME: one way of naming the targets
/// at a time (a set, endpoints, or a cluster), with the same words everywhere.
enum TargetChoice {
    static func validate(targetSet: String?, endpoints: EndpointOptions, ecs: ECSSelectionOptions) throws {
        try validate(targetSet: targetSet, endpoints: endpoints)
        if let targetSet, ecs.cluster != nil {
            throw ValidationError("give a target set NAME or --cluster, not both\(namedSet(targetSet))")
        }
        try ecs.checkExclusive(with: endpoints)
    }

    /// A set and endpoints exclude each other (the rule for commands without ECS options, too).
    static func validate(targetSet: String?, endpoints: EndpointOptions) throws {
        // Whether any endpoint is given is decided when the command runs (a list on standard
        // input is read once); here a set only has to exclude them.
        if let targetSet, endpoints.givesEndpoints {
            throw ValidationError("give a target set NAME or --endpoint/--endpoints-from, not both\(namedSet(targetSet))")
        }
    }

    /// " (NAME was '3')": the name as it was read. ArgumentParser checks these rules before it
    /// reports an unknown option, so the value of a misspelt or misplaced option (`--intervall 3`)
    /// arrives here as a NAME; showing it points at the real mistake.
    private static func namedSet(_ name: String) -> String {
        " (NAME was \(DisplaySafe.quoted(name)))"
    }
}
