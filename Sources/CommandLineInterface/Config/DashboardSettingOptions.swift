import ConfigFiles
import ArgumentParser

/// The dashboard's tuning options on the command line. Each is nil when not given, so that the
/// config file's value (or the built-in default) applies; see ``EffectiveDashboardSettings``.
struct DashboardSettingOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds between two polls of one task (0.5-3600, default 2); stretched to respect --max-rps.")
    var interval: Double?

    @Option(name: .customLong("max-rps"), help: "Requests per second across all tasks (0.1-1000, default 10; each GET is one ECS API call in your account).")
    var maxRPS: Double?

    @Flag(name: .customLong("read-only"), inversion: .prefixedNo,
          help: "--read-only: never send a PUT (the protect, extend and unprotect keys are off); --no-read-only: they are on, whatever the config file says.")
    var readOnly: Bool?

    func validate() throws {
        if let interval, !DashboardLimits.interval.contains(interval) {
            throw ValidationError("--interval must be between 0.5 and 3600 seconds, got \(interval)")
        }
        if let maxRPS, !DashboardLimits.maxRequestsPerSecond.contains(maxRPS) {
            throw ValidationError("--max-rps must be between 0.1 and 1000, got \(maxRPS)")
        }
    }
}
