import ArgumentParser
import GameDay
import OneShotCommands
import SafeText

/// `ecs-protect scenarios`: the drills compiled into the program, by the name `--scenario` takes.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the bundled scenarios that demo --scenario and simulate --scenario take by name.")

    func run() throws {
        let bundled = ScenarioParser.bundled
        let width = bundled.map(\.name.count).max() ?? 0
        let lines = bundled.map { $0.name.paddedWithSpaces(to: width) + "  " + $0.title }
        try StandardOutput.write(lines.joined(separator: "\n") + "\n")
    }
}
