import ArgumentParser
import Dashboard
import Foundation
import ProtectionCore
import TerminalUI

/// Options shared by `watch` and `demo`: how the dashboard looks.
struct AppearanceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: a name from `ecs-protect themes` or a path to a .theme file.", valueName: "name|path"))
    var theme: String?

    @Flag(name: .customLong("no-color"), help: "No colour at all (states stay readable as text and attributes). NO_COLOR does the same.")
    var noColor = false

    /// A bad or missing theme is refused at parse time, before the terminal is touched.
    func validate() throws { _ = try themeCycle() }

    func themeCycle() throws -> ThemeCycle {
        do {
            return try ThemeCycle(requested: theme, noColorFlag: noColor)
        } catch {
            throw ValidationError("theme: \(error.description)")
        }
    }
}

/// `ecs-protect watch` (the default command): the dashboard on the given endpoints.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open the dashboard on the given endpoints (default: $ECS_AGENT_URI)."
    )

    @OptionGroup var endpoints: EndpointOptions

    @Option(name: .long, help: "Seconds between two polls of one task (0.5-3600); stretched to respect --max-rps.")
    var interval: Double = 2

    @Option(name: .customLong("max-rps"), help: "Requests per second across all tasks (each GET is one ECS API call in your account).")
    var maxRPS: Double = 10

    @Flag(name: .customLong("read-only"), help: "Never send a PUT: protect, extend and unprotect keys are off.")
    var readOnly = false

    @OptionGroup var appearance: AppearanceOptions

    func validate() throws {
        guard interval >= 0.5, interval <= 3600 else { throw ValidationError("--interval must be between 0.5 and 3600 seconds, got \(interval)") }
        guard maxRPS >= 0.1, maxRPS <= 1000 else { throw ValidationError("--max-rps must be between 0.1 and 1000, got \(maxRPS)") }
    }

    func run() async throws {
        let targets = try endpoints.resolve()
        let themes = try appearance.themeCycle()
        try TerminalRequirement.check()
        let options = DashboardSession.Options(
            endpoints: targets,
            monitor: MonitorConfiguration(pollInterval: interval, maxRequestsPerSecond: maxRPS),
            readOnly: readOnly, demo: nil, themes: themes)
        throw ExitCode(try await DashboardSession.runOnOwnThread(options))
    }
}
