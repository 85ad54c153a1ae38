import OneShotCommands
import ArgumentParser
import GameDay
import ProtectionCore

/// `ecs-protect unprotect`: removes each target's protection.
struct UnprotectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unprotect", abstract: "Remove scale-in protection from each target.",
        discussion: """
        The exit status is 0 only when every answer says the task is no longer protected. An answer \
        that still says ProtectionEnabled true (with no ExpirationDate, or one after the answer's \
        Date header) exits 4, with the reason on standard error and, with --json, in the target's \
        "stillProtected" member.
        """)

    @OptionGroup var options: OneShotOptions

    func run() async throws {
        // The targets first: a command that cannot start records no run.
        let targets = try OneShotTargets.resolve(options)
        let events = try options.openEvents(command: "unprotect")
        defer { events?.close() }
        switch targets {
        case .cluster(let selection, let region, let profile):
            throw ExitCode(try await ECSOneShotRunner.run(.put(.unprotect), selection: selection, region: region, profile: profile,
                                                          json: options.json, timeout: options.timeout, events: events))
        case .endpoints(let endpoints):
            throw ExitCode(try await OneShotRunner.run(.put(.unprotect), endpoints: endpoints, json: options.json,
                                                       timeout: options.timeout, events: events))
        }
    }
}
