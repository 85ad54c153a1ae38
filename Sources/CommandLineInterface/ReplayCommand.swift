import OneShotCommands
import ArgumentParser
import DashboardRuntime
import Foundation
import GameDay
import ProtectionCore

/// `ecs-protect replay FILE`: a drill's record played on the dashboard.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a drill's events file on the dashboard, with a time cursor.",
        discussion: """
        The dashboard shows the drill (by default the last one in the file) as its dashboard saw it, \
        moment by moment, with the same views, filters and detail pane. P pauses and resumes, Left and \
        Right step to the previous and next event, - and + change the speed (1x to 60x), < and > jump \
        to the start and the end, @ to a typed time. Nothing is sent: keys that would change a task \
        are refused. See docs/REPLAY.md.
        """
    )

    @OptionGroup var events: DrillFileOptions

    @Option(name: .long, help: ArgumentHelp("Start at this speed (1-60).", valueName: "n"))
    var speed = 1

    @OptionGroup var appearance: AppearanceOptions

    func validate() throws {
        guard (1...60).contains(speed) else { throw ValidationError("--speed must be 1 to 60") }
    }

    func run() async throws {
        guard let chosen = try events.choose(command: "replay", verb: "replaying") else { return }
        let themes = try appearance.themeCycle()
        try TerminalRequirement.check()
        let script = ReplayScript(records: chosen.records)
        // The interval the drill's dashboard polled at: the header and the STALE marks go by it.
        let monitor = MonitorConfiguration(pollInterval: script.pollInterval ?? MonitorConfiguration().pollInterval)
        var options = DashboardSession.Options(endpoints: [], monitor: monitor, readOnly: false, demo: nil, themes: themes, bell: false)
        options.replay = ReplayPlayback(script: script, speed: speed)
        throw ExitCode(try await DashboardLauncher.run(options))
    }
}
