import OneShotCommands
import ConfigFiles
import Dashboard
import ArgumentParser
import ProtectionCore
import SafeText

/// `ecs-protect config`: the settings `watch` would run with, and where each one came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective dashboard settings and where each value comes from.",
        discussion: """
            Reads $XDG_CONFIG_HOME/ecs-protect/config.toml (default ~/.config/ecs-protect/config.toml). \
            Give the same NAME and options as to `watch` to see what that run would use: the command line \
            wins over the target set, which wins over [dashboard], which wins over the built-in defaults.
            """
    )

    @Argument(help: ArgumentHelp("A target set from the config file.", valueName: "name"))
    var targetSet: String?

    @OptionGroup var endpoints: EndpointOptions

    @OptionGroup var settings: DashboardSettingOptions

    @OptionGroup var alerts: AlertOptions

    @Option(name: .long, help: ArgumentHelp("Colour theme: a name from `ecs-protect themes` or a path to a .theme file.", valueName: "name|path"))
    var theme: String?

    func run() throws {
        let effective = try ConfigError.reporting {
            try EffectiveDashboardSettings.resolve(targetSetName: targetSet, endpointOptions: endpoints, options: settings, alerts: alerts,
                                                   themeOption: theme, requireEndpoints: false)
        }
        // A theme the file names but that cannot be loaded is reported here as `watch` would.
        _ = try ConfigError.reporting { try effective.themeCycle(noColorFlag: false) }
        // Checked: `config > /dev/full` is exit 74 with one line on standard error, not a silent 0.
        try StandardOutput.write(ConfigReport.text(for: effective))
    }
}

/// The text `ecs-protect config` prints.
enum ConfigReport {
    static func text(for settings: EffectiveDashboardSettings) -> String {
        var output = ""
        switch (settings.configPath, settings.configFile) {
        case (nil, _):
            output += "config file: none ($XDG_CONFIG_HOME and $HOME are not set)\n"
        case (let path?, nil):
            output += "config file: \(DisplaySafe.text(path)) (not found: built-in defaults apply)\n"
        case (let path?, _?):
            output += "config file: \(DisplaySafe.text(path))\n"
        }
        if let set = settings.targetSet { output += "target set:  \(DisplaySafe.text(set.name))\n" }
        output += "\n"

        var rows: [(String, String, String)] = []
        if let endpoints = settings.endpoints {
            for (index, endpoint) in endpoints.value.enumerated() {
                rows.append((index == 0 ? "endpoints" : "", DisplaySafe.text(endpoint.description), index == 0 ? endpoints.origin.description : ""))
            }
        } else if let ecs = settings.ecs, let set = settings.targetSet, let file = settings.configFile {
            for row in ecs.rows {
                rows.append((row.key, DisplaySafe.text(row.value),
                             SettingOrigin.targetSet(name: set.name, ConfigLocation(path: file.path, line: row.line)).description))
            }
        } else {
            rows.append(("endpoints", "none (give NAME, --endpoint, --cluster, or set ECS_AGENT_URI)", ""))
        }
        rows.append(("theme", DisplaySafe.text(settings.theme.value ?? "default for the terminal"), settings.theme.origin.description))
        rows.append(("interval", "\(format(settings.interval.value)) s", settings.interval.origin.description))
        rows.append(("max-rps", format(settings.maxRequestsPerSecond.value), settings.maxRequestsPerSecond.origin.description))
        rows.append(("read-only", settings.readOnly.value ? "true" : "false", settings.readOnly.origin.description))
        rows.append(("alert-before", "\(format(settings.alertBefore.value)) min", settings.alertBefore.origin.description))
        rows.append(("bell", settings.bell.value ? "true" : "false", settings.bell.origin.description))
        let hidden = TableColumn.allCases.filter { settings.hiddenColumns.value.contains($0) }.map(\.rawValue)
        rows.append(("hidden-columns", hidden.isEmpty ? "none" : hidden.joined(separator: ", "), settings.hiddenColumns.origin.description))
        output += table(rows, header: ("SETTING", "VALUE", "FROM"))

        if let file = settings.configFile, !file.targetSets.isEmpty {
            output += "\ntarget sets (ecs-protect watch NAME):\n"
            var setRows: [(String, String, String)] = []
            for set in file.targetSets {
                setRows.append((DisplaySafe.text(set.name), set.summary,
                                ConfigLocation(path: file.path, line: set.line).description))
            }
            output += table(setRows, header: ("NAME", "TARGETS", "DEFINED AT"))
        }
        return output
    }

    private static func table(_ rows: [(String, String, String)], header: (String, String, String)) -> String {
        let all = [header] + rows
        let first = all.map { $0.0.count }.max() ?? 0
        let second = all.map { $0.1.count }.max() ?? 0
        return all.map { row in
            let line = row.0.paddedWithSpaces(to: first) + "  " + row.1.paddedWithSpaces(to: second) + "  " + row.2
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n") + "\n"
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
