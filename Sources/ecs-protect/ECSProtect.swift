import ArgumentParser

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
}
