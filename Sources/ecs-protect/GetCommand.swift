import ArgumentParser
import ProtectionCore

/// `ecs-protect get`: reads each target's protection once.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Read the scale-in protection of each target once.")

    @OptionGroup var options: OneShotOptions

    func run() async throws {
        if options.ecs.cluster != nil {
            throw ExitCode(try await ECSOneShotRunner.run(.get, options: options.ecs, json: options.json, timeout: options.timeout))
        }
        let endpoints = try options.endpoints.resolve()
        let status = try await OneShotRunner.run(.get, endpoints: endpoints, json: options.json, timeout: options.timeout)
        throw ExitCode(status)
    }
}
