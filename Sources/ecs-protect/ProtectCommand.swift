import ArgumentParser
import ProtectionCore

/// `ecs-protect protect`: protects each target, for `--minutes` or the agent's default 120.
struct ProtectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "protect", abstract: "Protect each target from scale-in.")

    // Unconditional: `--minutes -1` is a value out of range, not a missing value and an unknown option.
    @Option(name: .long, parsing: .unconditional, help: "Minutes of protection, 1 to 2880. Default: the agent's 120.")
    var minutes: Int?

    @OptionGroup var options: OneShotOptions

    func validate() throws {
        // Checked before anything is sent: the agent itself would wrap values above 32 bits.
        do { _ = try ProtectionChange.protect(minutes: minutes) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let change = try ProtectionChange.protect(minutes: minutes)
        if options.ecs.cluster != nil {
            throw ExitCode(try await ECSOneShotRunner.run(.put(change), options: options.ecs, json: options.json, timeout: options.timeout))
        }
        let endpoints = try options.endpoints.resolve()
        throw ExitCode(try await OneShotRunner.run(.put(change), endpoints: endpoints, json: options.json, timeout: options.timeout))
    }
}
