import ArgumentParser

/// The rule of every command that takes a saved target set NAME: one way of naming the targets
/// at a time (a set, endpoints, or a cluster), with the same words everywhere.
enum TargetChoice {
    static func validate(targetSet: String?, endpoints: EndpointOptions, ecs: ECSSelectionOptions) throws {
        try validate(targetSet: targetSet, endpoints: endpoints)
        if targetSet != nil, ecs.cluster != nil {
            throw ValidationError("give a target set NAME or --cluster, not both")
        }
        try ecs.checkExclusive(with: endpoints)
    }

    /// A set and endpoints exclude each other (the rule for commands without ECS options, too).
    static func validate(targetSet: String?, endpoints: EndpointOptions) throws {
        // Whether any endpoint is given is decided when the command runs (a list on standard
        // input is read once); here a set only has to exclude them.
        if targetSet != nil, endpoints.givesEndpoints {
            throw ValidationError("give a target set NAME or --endpoint/--endpoints-from, not both")
        }
    }
}
