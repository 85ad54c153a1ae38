import OneShotCommands
import ConfigFiles
import Dashboard
import DashboardRuntime
import AgentSimulator
import ArgumentParser
import AWSAccess
import AWSSigning
import FoundationEssentials
import GameDay
import ProtectionClient
import ProtectionCore

/// `ecs-protect demo`: the dashboard on an in-process simulator, seeded for a game-day audience.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on the built-in agent simulator (no AWS account needed).",
        discussion: """
        Keys f (fault menu for the selected task) and D (take the whole agent down and back) inject \
        simulator faults. With --scenario, the scenario's world replaces the seeded tasks and its \
        steps play while you watch; the header shows the step that runs next.
        """
    )

    @Option(name: .long, help: "Number of simulated tasks (1-200); the first eight tell the story.")
    var tasks = 8

    @Option(name: .long, help: ArgumentHelp("Where the dashboard reads the simulated tasks: agent endpoints, or the simulated ECS API.", valueName: "agent|ecs"))
    var source = DemoSource.agent

    @Flag(name: .customLong("read-only"), help: "Never send a PUT: protect, extend and unprotect keys are off.")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp("With --source ecs: regions the simulated ECS API serves, each its own cluster (1-4); D takes the last one down.", valueName: "count"))
    var regions = 1

    @Option(name: .long, help: ArgumentHelp("Play a scenario: a bundled one by name (`ecs-protect scenarios`) or a file (its tasks replace --tasks; with --source ecs, watched through the simulated ECS API).", valueName: "name|file"))
    var scenario: String?

    @OptionGroup var recording: DrillRecordingOptions

    @OptionGroup var frameDigests: FrameDigestOptions

    @OptionGroup var alerts: AlertOptions

    @OptionGroup var appearance: AppearanceOptions

    @OptionGroup var logging: LogFileOptions

    func validate() throws {
        guard (1...200).contains(tasks) else { throw ValidationError("--tasks must be between 1 and 200, got \(tasks)") }
        guard (1...SimulateCommand.regionNames.count).contains(regions) else {
            throw ValidationError("--regions must be between 1 and \(SimulateCommand.regionNames.count), got \(regions)")
        }
        if regions > 1, source != .ecs || scenario != nil {
            throw ValidationError("--regions goes with --source ecs, without --scenario")
        }
        _ = try frameDigests.interval(events: recording.events)
    }

    func run() async throws {
        // The command line's theme, else the config file's [dashboard] theme.
        let themes = try ConfigError.reporting {
            try EffectiveDashboardSettings.themeCycle(try EffectiveDashboardSettings.theme(option: appearance.theme),
                                                      noColorFlag: appearance.noColor)
        }
        // The command line's alert settings, else the config file's [dashboard] ones.
        let alertSettings = try ConfigError.reporting { try EffectiveDashboardSettings.alerts(alerts) }
        let hiddenColumns = try ConfigError.reporting { try EffectiveDashboardSettings.hiddenColumns() }
        let loaded: Scenario?
        do {
            loaded = try scenario.map { path throws(ScenarioError) in try ScenarioParser.load(nameOrPath: path) }
        } catch {
            StandardError.write("ecs-protect demo: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        let log = try logging.bootstrap(label: "ecs-protect.demo")
        // Before the terminal is checked: a file that cannot be used is reported even from a script.
        // What a replay needs to draw the screen again: the poll interval (its STALE marks), and
        // through the ECS API the cluster (its rows, faults and header are the ECS API's).
        var details = ["alert-before": String(alertSettings.alertBefore * 60), "interval": String(MonitorConfiguration().pollInterval)]
        if source == .ecs { details["cluster"] = SimulatorConfiguration(taskCount: 1).cluster }
        let writer = try recording.open(command: "demo", details: details)
        try TerminalRequirement.check()
        defer { writer?.close() }
        if let loaded {
            let status = try await runScenario(loaded, themes: themes, alertSettings: alertSettings, hiddenColumns: hiddenColumns,
                                               writer: writer)
            throw ExitCode(EventsFileOption.finish(status, writer: writer, events: recording.events, command: "demo"))
        }
        let scenario = DemoScenario(taskCount: tasks)
        // Changes answer a little slowly so the audience sees PENDING before the confirmed state;
        // reads answer at once, so the first frame already shows every task.
        let base = SimulatorConfiguration(taskCount: tasks, updateLatency: .milliseconds(360), controlPort: nil)
        let simulator = AgentSimulator(configuration: source == .ecs ? scenario.ecsConfiguration(base) : base)
        // Further regions on the same ECS API port, each its own cluster of the same story.
        var peers: [AgentSimulator] = []
        for region in SimulateCommand.regionNames[1..<regions] {
            var regional = scenario.ecsConfiguration(base)
            regional.region = region
            regional.controlPort = nil
            regional.ecsAPIPort = nil
            let peer = AgentSimulator(configuration: regional)
            try simulator.serveRegion(of: peer)
            peers.append(peer)
        }
        try await simulator.start()
        let status: Int32
        do {
            var options = DashboardSession.Options(
                endpoints: [], monitor: MonitorConfiguration(), readOnly: readOnly,
                demo: DemoControls(simulator: simulator, tasksFromECSAPI: source == .ecs, regionToTakeDown: peers.last), themes: themes, log: log,
                alertBeforeMinutes: alertSettings.alertBefore, bell: alertSettings.bell)
            switch source {
            case .agent:
                try scenario.apply(to: simulator, now: Date())
                for (uri, seed) in zip(simulator.agentURIs, scenario.seeds) {
                    options.endpoints.append(try EndpointParser.parse("\(seed.label)=\(uri)"))
                }
                options.timeline = EventsFileOption.recorder(writer, endpoints: options.endpoints)
            case .ecs:
                try scenario.apply(to: simulator, now: Date(), seeds: scenario.ecsSeeds)
                if peers.isEmpty {
                    options.ecs = try Self.ecsSource(simulator: simulator, polling: options.monitor)
                } else {
                    for peer in peers { try scenario.apply(to: peer, now: Date(), seeds: scenario.ecsSeeds) }
                    let regionNames = [simulator.configuration.region] + peers.map(\.configuration.region)
                    options.ecsFleet = try regionNames.map { region in
                        try ECSDashboardSource.simulated(by: simulator, polling: options.monitor, region: region)
                    }
                    options.ecs = options.ecsFleet.first
                    options.ecsTitle = options.ecsFleet.map(\.name).joined(separator: ", ")
                }
                // Tasks get their labels as the ECS API source finds them.
                options.timeline = EventsFileOption.recorder(writer, endpoints: [])
            }
            options.hiddenColumns = hiddenColumns
            options.frameDigestInterval = try frameDigests.interval(events: recording.events)
            status = try await DashboardLauncher.run(options)
        } catch {
            await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
            throw error
        }
        await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
        throw ExitCode(EventsFileOption.finish(status, writer: writer, events: recording.events, command: "demo"))
    }

    /// The dashboard on the scenario's world while its steps play.
    private func runScenario(_ scenario: Scenario, themes: ThemeCycle, alertSettings: (alertBefore: Double, bell: Bool),
                             hiddenColumns: Set<TableColumn>, writer: TimelineWriter?) async throws -> Int32 {
        let workers = AgentHTTPClient(configuration: .init(requestTimeout: 6))
        let player = ScenarioPlayer(
            scenario: scenario,
            base: SimulatorConfiguration(taskCount: scenario.tasks.count, updateLatency: .milliseconds(360), controlPort: nil),
            playback: RealtimePlaybackClock(), sink: TimelineFanOut(writer.map { [$0] } ?? []), transport: workers)
        let status: Int32
        do {
            try await player.start()
            var endpoints: [Endpoint] = []
            for (index, uri) in player.simulator.agentURIs.enumerated() {
                endpoints.append(try EndpointParser.parse("\(player.label(ofTask: index))=\(uri)"))
            }
            // Through the ECS API the tasks, services and their events are found as ECS tells them.
            let fromECSAPI = source == .ecs
            if fromECSAPI { endpoints = [] }
            var options = DashboardSession.Options(
                endpoints: endpoints, monitor: MonitorConfiguration(), readOnly: readOnly,
                demo: DemoControls(simulator: player.simulator, tasksFromECSAPI: fromECSAPI), themes: themes,
                timeline: EventsFileOption.recorder(writer, endpoints: endpoints), scenario: player,
                alertBeforeMinutes: alertSettings.alertBefore, bell: alertSettings.bell)
            if fromECSAPI { options.ecs = try Self.ecsSource(simulator: player.simulator, polling: options.monitor) }
            options.hiddenColumns = hiddenColumns
            options.frameDigestInterval = try frameDigests.interval(events: recording.events)
            status = try await DashboardLauncher.run(options)
        } catch {
            await BoundedWait.async(seconds: 3) { try? await player.simulator.shutdown(); await workers.shutdown() }
            throw error
        }
        await BoundedWait.async(seconds: 3) { try? await player.simulator.shutdown(); await workers.shutdown() }
        return status
    }

    /// A client of the simulator's own ECS API, with its test key.
    private static func ecsSource(simulator: AgentSimulator, polling: MonitorConfiguration) throws -> ECSDashboardSource {
        do {
            return try ECSDashboardSource.simulated(by: simulator, polling: polling)
        } catch let error as SimulatedECSAPIUnavailable {
            throw ValidationError(error.description)
        }
    }
}

/// Where `demo` reads its tasks.
enum DemoSource: String, ExpressibleByArgument, CaseIterable {
    case agent
    case ecs
}
