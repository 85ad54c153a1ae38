import OneShotCommands
import ConfigFiles
import DashboardRuntime
import ArgumentParser
import Dashboard
import FoundationEssentials
import Logging
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
        abstract: "Open the dashboard on the given endpoints (default: $ECS_AGENT_URI), or on a cluster's tasks through the ECS API (--cluster).",
        discussion: "NAME opens a target set saved in the config file; options given here override the file (see `ecs-protect config`)."
    )

    @Argument(help: ArgumentHelp("A target set from the config file ($XDG_CONFIG_HOME/ecs-protect/config.toml).", valueName: "name"))
    var targetSet: String?

    @OptionGroup var endpoints: EndpointOptions

    @OptionGroup(title: "ECS API") var ecs: ECSSelectionOptions

    @OptionGroup var settings: DashboardSettingOptions

    @OptionGroup var recording: DrillRecordingOptions

    @OptionGroup var frameDigests: FrameDigestOptions

    @OptionGroup var alerts: AlertOptions

    @OptionGroup var appearance: AppearanceOptions

    @OptionGroup var logging: LogFileOptions

    func validate() throws {
        try TargetChoice.validate(targetSet: targetSet, endpoints: endpoints, ecs: ecs)
        _ = try frameDigests.interval(events: recording.events)
    }

    func run() async throws {
        let effective = try ConfigError.reporting {
            try EffectiveDashboardSettings.resolve(targetSetName: targetSet, endpointOptions: endpoints, options: settings, alerts: alerts,
                                                   themeOption: appearance.theme, requireEndpoints: ecs.cluster == nil)
        }
        let usesECS = ecs.cluster != nil || effective.ecs != nil
        let targets = usesECS ? [] : effective.endpoints?.value ?? []
        let themes = try ConfigError.reporting { try effective.themeCycle(noColorFlag: appearance.noColor) }
        let log = try logging.bootstrap(label: "ecs-protect.watch")
        // Before the terminal is checked: a file that cannot be used is reported even from a script.
        // The poll interval goes into the record: a replay's STALE marks and header go by it.
        // So is the cluster: a replay's rows then come from the ECS API as they did.
        var details = ["interval": String(effective.monitorConfiguration.pollInterval), "alert-before": String(effective.alertBefore.value * 60)]
        if usesECS, let cluster = (effective.ecs?.references ?? ecs.references).first?.cluster { details["cluster"] = cluster }
        let writer = try recording.open(command: "watch", details: details)
        defer { writer?.close() }
        try TerminalRequirement.check()
        var started: Logger.Metadata = [
            "version": "\(ProductVersion.current)", "set": "\(targetSet ?? "-")",
            "interval": "\(effective.interval.value)", "max-rps": "\(effective.maxRequestsPerSecond.value)",
            "read-only": "\(effective.readOnly.value)",
        ]
        // Tasks come either from endpoints (counted) or from a cluster (named; counted later).
        if usesECS {
            started["cluster"] = "\(ecs.clusters.isEmpty ? effective.ecs?.selection.cluster ?? "-" : ecs.clusters.joined(separator: " "))"
        } else {
            started["targets"] = "\(targets.count)"
        }
        log?.info("dashboard started", metadata: started)
        var options = DashboardSession.Options(
            endpoints: targets, monitor: effective.monitorConfiguration,
            readOnly: effective.readOnly.value, demo: nil, themes: themes, log: log,
            timeline: EventsFileOption.recorder(writer, endpoints: targets),
            alertBeforeMinutes: effective.alertBefore.value, bell: effective.bell.value)
        options.hiddenColumns = effective.hiddenColumns.value
        if let path = effective.configPath {
            options.keepHiddenColumns = { names in
                try HiddenColumnsWriter.save(names, path: path)
                return "columns kept in \(DisplaySafe.text(path))"
            }
        }
        options.frameDigestInterval = try frameDigests.interval(events: recording.events)
        if usesECS {
            let choice: any ClusterChoice = effective.ecs ?? ecs
            if choice.references.count > 1 {
                let sources = try Self.checked(await ECSWatchSetup.fleet(options: choice, polling: effective.monitorConfiguration))
                options.ecs = sources.first
                options.ecsFleet = sources
                // The header names the target set in use, else the clusters.
                options.ecsTitle = targetSet.map { "\($0) (\(sources.count) clusters)" } ?? sources.map(\.name).joined(separator: ", ")
            } else if let configured = effective.ecs {
                options.ecs = try Self.checked(await ECSWatchSetup.source(options: configured, polling: effective.monitorConfiguration))
            } else {
                options.ecs = try Self.checked(await ECSWatchSetup.source(options: ecs, polling: effective.monitorConfiguration))
            }
        }
        let status = try await DashboardLauncher.run(options)
        log?.info("dashboard ended", metadata: ["status": "\(status)"])
        throw ExitCode(EventsFileOption.finish(status, writer: writer, events: recording.events, command: "watch"))
    }

    /// The sources, or the one line saying why there are none (exit 64).
    private static func checked<Value>(_ setup: Result<Value, ECSSetupError>) throws -> Value {
        switch setup {
        case .failure(let error):
            StandardError.write("ecs-protect: \(error.message)")
            throw ExitCode(ExitStatus.usage)
        case .success(let value):
            return value
        }
    }
}
