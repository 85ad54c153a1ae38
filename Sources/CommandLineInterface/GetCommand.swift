import OneShotCommands
import ArgumentParser
import GameDay
import ProtectionCore

/// `ecs-protect get`: reads each target's protection once.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Read the scale-in protection of each target once.")

    @OptionGroup var options: OneShotOptions

    func run() async throws {
        // The targets first: a command that cannot start records no run.
        let targets = try OneShotTargets.resolve(options)
        let events = try options.openEvents(command: "get")
        defer { events?.close() }
        switch targets {
        case .cluster(let selection, let region, let profile):
            throw ExitCode(try await ECSOneShotRunner.run(.get, selection: selection, region: region, profile: profile,
                                                          json: options.json, timeout: options.timeout, events: events))
        case .endpoints(let endpoints):
            throw ExitCode(try await OneShotRunner.run(.get, endpoints: endpoints, json: options.json,
                                                       timeout: options.timeout, events: events))
        }
    }
}
