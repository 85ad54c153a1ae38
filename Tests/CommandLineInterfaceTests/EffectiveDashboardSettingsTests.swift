import ArgumentParser
@testable import CommandLineInterface
import ConfigFiles
import Dashboard
import Foundation
import Testing

/// Which value the dashboard runs with and where it came from, read from a real config file in a
/// temporary `XDG_CONFIG_HOME`: the command line over the target set over `[dashboard]` over the
/// built-in default.
@Suite struct EffectiveDashboardSettingsTests {
    private static let config = """
        [dashboard]
        interval = 5
        max-rps = 4
        bell = false

        [targets.prod]
        endpoints = ["web-1=http://127.0.0.1:1/api/aaa"]
        interval = 7
        """

    /// A config home holding `text` as ecs-protect's config file; removed when `body` returns.
    private func withConfig<T>(_ text: String?, _ body: ([String: String]) throws -> T) throws -> T {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let folder = home.appendingPathComponent("ecs-protect")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let text { try text.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8) }
        return try body(["XDG_CONFIG_HOME": home.path])
    }

    private func resolve(_ arguments: [String], environment: [String: String]) throws -> EffectiveDashboardSettings {
        let command = try ConfigCommand.parse(arguments)
        return try EffectiveDashboardSettings.resolve(
            targetSetName: command.targetSet, endpointOptions: command.endpoints, options: command.settings,
            alerts: command.alerts, themeOption: command.theme, requireEndpoints: false, environment: environment)
    }

    @Test func theCommandLineWinsOverTheSetWhichWinsOverTheDashboardTable() throws {
        try withConfig(Self.config) { environment in
            let fromSet = try resolve(["prod"], environment: environment)
            #expect(fromSet.interval.value == 7)
            #expect(fromSet.interval.origin.description.hasSuffix(":8 [targets.prod]"))
            #expect(fromSet.maxRequestsPerSecond.value == 4)
            #expect(fromSet.maxRequestsPerSecond.origin.description.hasSuffix(":3 [dashboard]"))
            #expect(fromSet.bell.value == false)
            #expect(fromSet.readOnly.value == false && fromSet.readOnly.origin == .builtIn)
            #expect(fromSet.endpoints?.value.map(\.displayName) == ["web-1"])

            let overridden = try resolve(["prod", "--interval", "3", "--bell"], environment: environment)
            #expect(overridden.interval.value == 3 && overridden.interval.origin == .commandLine)
            #expect(overridden.bell.value == true && overridden.bell.origin == .commandLine)
        }
    }

    @Test func withoutAFileEveryValueIsBuiltIn() throws {
        try withConfig(nil) { environment in
            let settings = try resolve([], environment: environment)
            #expect(settings.configFile == nil)
            #expect(settings.interval.value == DashboardLimits.defaultInterval && settings.interval.origin == .builtIn)
            #expect(settings.alertBefore.value == DashboardLimits.defaultAlertBefore)
            #expect(settings.endpoints == nil)
        }
    }

    /// `demo` and `replay` take the hidden columns from `[dashboard]` as watch does.
    @Test func hiddenColumnsAreReadForRunsWithoutATargetSet() throws {
        let configured = try withConfig("[dashboard]\nhidden-columns = [\"remaining\", \"answered\"]\n") { environment in
            try EffectiveDashboardSettings.hiddenColumns(environment: environment)
        }
        #expect(configured == [.remaining, .answered])
        let none = try withConfig(nil) { environment in try EffectiveDashboardSettings.hiddenColumns(environment: environment) }
        #expect(none.isEmpty)
        let refused = try withConfig("[dashboard]\nhidden-columns = [\"state\", \"nonsense\"]\n") { environment in
            Result { try EffectiveDashboardSettings.hiddenColumns(environment: environment) }
        }
        #expect(throws: ConfigError.self) { try refused.get() }
    }

    @Test func anUnknownSetNamesTheFileAndTheSetsItDefines() throws {
        _ = try withConfig(Self.config) { environment in
            #expect {
                try resolve(["staging"], environment: environment)
            } throws: { error in
                ECSProtect.message(for: error).contains("no target set 'staging'") && ECSProtect.message(for: error).contains("sets: prod")
            }
        }
    }

    @Test func aSetAndEndpointsTogetherAreRefusedHereTooWithTheCommandsWords() throws {
        _ = try withConfig(Self.config) { environment in
            #expect {
                try resolve(["prod", "--endpoint", "http://127.0.0.1:1/api/bbb"], environment: environment)
            } throws: { error in
                ECSProtect.message(for: error) == "give a target set NAME or --endpoint/--endpoints-from, not both (NAME was 'prod')"
            }
        }
    }
}
