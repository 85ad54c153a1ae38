import ArgumentParser
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
        switch try OneShotTargets.resolve(options) {
        case .cluster(let selection, let region, let profile):
            throw ExitCode(try await ECSOneShotRunner.run(.put(.unprotect), selection: selection, region: region, profile: profile,
                                                          json: options.json, timeout: options.timeout))
        case .endpoints(let endpoints):
            throw ExitCode(try await OneShotRunner.run(.put(.unprotect), endpoints: endpoints, json: options.json, timeout: options.timeout))
        }
    }
}
