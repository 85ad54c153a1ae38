import Dashboard
import ConfigFiles
import DashboardRuntime
import ArgumentParser
import FoundationEssentials
import ProtectionCore

/// What the dashboard will run with, and where each value came from: the command line wins over
/// the chosen target set, which wins over `[dashboard]`, which wins over the built-in default.
struct EffectiveDashboardSettings {
    /// A value and its origin.
    struct Setting<Value> {
        var value: Value
        var origin: SettingOrigin
    }

    /// The config file consulted (nil when neither `XDG_CONFIG_HOME` nor `HOME` is set), and
    /// whether it exists.
    var configPath: String?
    var configFile: ConfigFile?
    /// The target set opened by name, if any.
    var targetSet: TargetSet?
    /// The targets; nil when none was given anywhere (fine for `ecs-protect config`).
    var endpoints: Setting<[Endpoint]>?
    /// The ECS API selection of the chosen target set, if it is one.
    var ecs: ConfiguredECSSelection? { targetSet?.ecs }
    /// nil means the default theme for the terminal.
    var theme: Setting<String?>
    var interval: Setting<Double>
    var maxRequestsPerSecond: Setting<Double>
    var readOnly: Setting<Bool>
    var alertBefore: Setting<Double>
    var bell: Setting<Bool>
    /// Task table columns hidden at start (config file only; `c` in the dashboard).
    var hiddenColumns: Setting<Set<TableColumn>>

    /// Reads the config file (when there is one) and applies the command line over it.
    ///
    /// - Throws: ``ConfigError`` for a config file that cannot be used; `ValidationError` for a
    ///   target set the file does not define, or one named together with `--endpoint`.
    static func resolve(targetSetName: String?, endpointOptions: EndpointOptions, options: DashboardSettingOptions,
                        alerts: AlertOptions, themeOption: String?, requireEndpoints: Bool,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EffectiveDashboardSettings {
        let path = ConfigFile.defaultPath(environment: environment)
        var file: ConfigFile?
        if let path { file = try ConfigFile.load(path: path) }

        var targetSet: TargetSet?
        try TargetChoice.validate(targetSet: targetSetName, endpoints: endpointOptions)
        if let name = targetSetName {
            targetSet = try Self.targetSet(named: name, in: file, path: path)
        }

        var endpoints: Setting<[Endpoint]>?
        if let targetSet, let file, let setEndpoints = targetSet.endpoints {
            endpoints = Setting(value: setEndpoints.value,
                                origin: .targetSet(name: targetSet.name, ConfigLocation(path: file.path, line: setEndpoints.line)))
        } else if targetSet?.ecs != nil {
            // The set reaches its tasks through the ECS API: no endpoint is needed.
        } else if requireEndpoints || endpointOptions.givesEndpoints || !(environment["ECS_AGENT_URI"] ?? "").isEmpty {
            let resolved = try endpointOptions.resolve(environment: environment)
            let fromEnvironment = !endpointOptions.givesEndpoints && !(environment["ECS_AGENT_URI"] ?? "").isEmpty
            endpoints = Setting(value: resolved, origin: fromEnvironment ? .environment("ECS_AGENT_URI") : .commandLine)
        }

        func pick<Value: Equatable>(_ commandLine: Value?, _ keyPath: KeyPath<DashboardDefaults, ConfiguredValue<Value>?>, builtIn: Value) -> Setting<Value> {
            if let commandLine { return Setting(value: commandLine, origin: .commandLine) }
            if let targetSet, let file, let configured = targetSet.defaults[keyPath: keyPath] {
                return Setting(value: configured.value, origin: .targetSet(name: targetSet.name, ConfigLocation(path: file.path, line: configured.line)))
            }
            if let file, let configured = file.dashboard[keyPath: keyPath] {
                return Setting(value: configured.value, origin: .dashboardTable(ConfigLocation(path: file.path, line: configured.line)))
            }
            return Setting(value: builtIn, origin: .builtIn)
        }

        let theme = pick(themeOption, \.theme, builtIn: "")
        return EffectiveDashboardSettings(
            configPath: path, configFile: file, targetSet: targetSet, endpoints: endpoints,
            theme: Setting(value: theme.value.isEmpty ? nil : theme.value, origin: theme.origin),
            interval: pick(options.interval, \.interval, builtIn: DashboardLimits.defaultInterval),
            maxRequestsPerSecond: pick(options.maxRPS, \.maxRequestsPerSecond, builtIn: DashboardLimits.defaultMaxRequestsPerSecond),
            readOnly: pick(options.readOnly, \.readOnly, builtIn: false),
            alertBefore: pick(alerts.alertBefore, \.alertBefore, builtIn: DashboardLimits.defaultAlertBefore),
            bell: pick(alerts.bell, \.bell, builtIn: true),
            hiddenColumns: pick(nil, \.hiddenColumns, builtIn: []))
    }

    /// The theme for a run that takes nothing else from the config file (`demo`): the command
    /// line's, else `[dashboard] theme`, else the default for the terminal.
    static func theme(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Setting<String?> {
        if let option { return Setting(value: option, origin: .commandLine) }
        guard let file = try defaultFile(environment: environment), let configured = file.dashboard.theme else {
            return Setting(value: nil, origin: .builtIn)
        }
        return Setting(value: configured.value, origin: .dashboardTable(ConfigLocation(path: file.path, line: configured.line)))
    }

    /// The config file at its default place, nil when there is none: what a run that takes
    /// nothing else from it reads its `[dashboard]` table from.
    private static func defaultFile(environment: [String: String]) throws(ConfigError) -> ConfigFile? {
        try ConfigFile.defaultPath(environment: environment).flatMap { path throws(ConfigError) in try ConfigFile.load(path: path) }
    }

    /// The task table columns hidden by `[dashboard] hidden-columns`, for a run that takes nothing
    /// else from the config file (`demo`, `replay`): they read the operator's preference, and keep
    /// no changes to it.
    static func hiddenColumns(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Set<TableColumn> {
        let file = try defaultFile(environment: environment)
        return file?.dashboard.hiddenColumns?.value ?? []
    }

    /// The alert settings for a run that takes nothing else from the config file (`demo`): the
    /// command line's, else `[dashboard]`'s, else the built-in defaults.
    static func alerts(_ options: AlertOptions, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (alertBefore: Double, bell: Bool) {
        let file = try defaultFile(environment: environment)
        return (options.alertBefore ?? file?.dashboard.alertBefore?.value ?? DashboardLimits.defaultAlertBefore,
                options.bell ?? file?.dashboard.bell?.value ?? true)
    }

    /// The themes to cycle through, starting with the chosen one. A bad theme named in the config
    /// file is reported at its line.
    func themeCycle(noColorFlag: Bool) throws -> ThemeCycle {
        try Self.themeCycle(theme, noColorFlag: noColorFlag)
    }

    /// The themes to cycle through, starting with `theme`.
    static func themeCycle(_ theme: Setting<String?>, noColorFlag: Bool) throws -> ThemeCycle {
        do {
            return try ThemeCycle(requested: theme.value, noColorFlag: noColorFlag)
        } catch {
            switch theme.origin {
            case .dashboardTable(let location), .targetSet(_, let location):
                throw ConfigError(location: location, message: "theme: \(DisplaySafe.text(error.description))")
            case .builtIn, .commandLine, .environment:
                throw ValidationError("theme: \(error.description)")
            }
        }
    }

    /// The monitor's pacing.
    var monitorConfiguration: MonitorConfiguration {
        MonitorConfiguration(pollInterval: interval.value, maxRequestsPerSecond: maxRequestsPerSecond.value)
    }

    /// The target set `name` of the config file, or a usage error naming the file and the sets it
    /// defines (or that there is no file).
    static func targetSet(named name: String, in file: ConfigFile?, path: String?) throws -> TargetSet {
        guard let file else {
            throw ValidationError("no target set \(DisplaySafe.quoted(name)): there is no config file (\(DisplaySafe.text(path ?? "$XDG_CONFIG_HOME and $HOME are not set")))")
        }
        guard let found = file.targetSet(named: name) else {
            let known = file.targetSets.map(\.name).joined(separator: ", ")
            throw ValidationError("no target set \(DisplaySafe.quoted(name)) in \(DisplaySafe.text(file.path)) (\(known.isEmpty ? "it defines none" : "sets: \(known)"))")
        }
        return found
    }
}
