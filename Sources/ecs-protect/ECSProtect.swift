import ArgumentParser
import Foundation
import ProtectionCore

/// The `ecs-protect` command line.
@main
struct ECSProtect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-protect",
        abstract: "Watch and change Amazon ECS task scale-in protection.",
        subcommands: [WatchCommand.self, DemoCommand.self, GetCommand.self, ProtectCommand.self, UnprotectCommand.self,
                      SimulateCommand.self, ThemesCommand.self],
        defaultSubcommand: WatchCommand.self
    )

    /// Parses and runs like ArgumentParser's own `main`, but every message it prints is made inert
    /// (an unknown option is echoed back, and it is operator input) and help goes through the
    /// checked writer, so a failed write is exit 74 here too.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let status = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if status == 0 {
                if !message.isEmpty {
                    do { try StandardOutput.write(message.hasSuffix("\n") ? message : message + "\n") } catch {
                        Foundation.exit(ExitStatus.outputFailed)
                    }
                }
            } else if !message.isEmpty {
                StandardError.write(message)
            }
            Foundation.exit(status)
        }
    }
}
