import ArgumentParser
import ProtectionCore

/// `ecs-protect protect`: protects each target, for `--minutes` or the agent's default 120.
struct ProtectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "protect", abstract: "Protect each target from scale-in.")

    @Option(name: .long, help: "Minutes of protection, 1 to 2880. Default: the agent's 120.")
    var minutes: Int?

    @OptionGroup var options: OneShotOptions

    func validate() throws {
        // Checked before anything is sent: the agent itself would wrap values above 32 bits.
        do { _ = try ProtectionChange.protect(minutes: minutes) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let change = try ProtectionChange.protect(minutes: minutes)
        let endpoints = try options.endpoints.resolve()
        throw ExitCode(await OneShotRunner.run(.put(change), endpoints: endpoints, json: options.json, timeout: options.timeout))
    }
}
