import OneShotCommands
import ArgumentParser
import Dashboard

/// `ecs-protect keys`: the dashboard's keys in every mode, from the key tables themselves.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List the dashboard's keys in every mode (Markdown).")

    func run() throws {
        try StandardOutput.write(KeyReference.markdown())
    }
}
