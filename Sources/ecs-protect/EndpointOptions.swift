import ArgumentParser
import Foundation
import ProtectionCore

/// `--endpoint [label=]URI`, repeatable, with `$ECS_AGENT_URI` as the default target.
struct EndpointOptions: ParsableArguments {
    @Option(name: .customLong("endpoint"),
            help: ArgumentHelp("A task's ECS_AGENT_URI or full …/task-protection/v1/state URL, optionally labelled name=URI. Repeatable. Default: $ECS_AGENT_URI.",
                               valueName: "[label=]URI"))
    var endpoints: [String] = []

    /// Refused at parse time, so the usage line printed with the error is the subcommand's.
    func validate() throws { _ = try resolve() }

    /// The endpoints given, or `$ECS_AGENT_URI`; throws a usage error naming the bad argument.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [Endpoint] {
        var arguments = endpoints
        if arguments.isEmpty, let fromEnvironment = environment["ECS_AGENT_URI"], !fromEnvironment.isEmpty {
            arguments = [fromEnvironment]
        }
        guard !arguments.isEmpty else {
            throw ValidationError("no endpoint: pass --endpoint [label=]URI, set ECS_AGENT_URI (it is set inside ECS tasks), or try `ecs-protect demo`")
        }
        var parsed: [Endpoint] = []
        for argument in arguments {
            do {
                parsed.append(try EndpointParser.parse(argument))
            } catch {
                throw ValidationError(error.description)
            }
        }
        return parsed
    }
}
