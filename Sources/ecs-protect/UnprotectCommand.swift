import ArgumentParser
import ProtectionCore

/// `ecs-protect unprotect`: removes each target's protection.
struct UnprotectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unprotect", abstract: "Remove scale-in protection from each target.")

    @OptionGroup var options: OneShotOptions

    func run() async throws {
        if options.ecs.cluster != nil {
            throw ExitCode(try await ECSOneShotRunner.run(.put(.unprotect), options: options.ecs, json: options.json, timeout: options.timeout))
        }
        let endpoints = try options.endpoints.resolve()
        throw ExitCode(try await OneShotRunner.run(.put(.unprotect), endpoints: endpoints, json: options.json, timeout: options.timeout))
    }
}
