import ArgumentParser
import GameDay

/// Options shared by `get`, `protect` and `unprotect`.
struct OneShotOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A target set from the config file ($XDG_CONFIG_HOME/ecs-protect/config.toml), as `watch` takes it.", valueName: "name"))
    var targetSet: String?

    @OptionGroup var endpoints: EndpointOptions

    @OptionGroup(title: "ECS API") var ecs: ECSSelectionOptions

    @Flag(name: .long, help: "Print one JSON array, one object per target, in the order given.")
    var json = false

    @Option(name: .long, help: "Seconds to wait for each target's whole response (above the agent's own 4 s ECS timeout).")
    var timeout: Double = 6

    @OptionGroup var recording: DrillRecordingOptions

    /// The events file for `command`, when `--events` is given (exits 64 when it cannot be used).
    func openEvents(command: String) throws -> TimelineWriter? {
        try recording.open(command: command)
    }

    func validate() throws {
        try TargetChoice.validate(targetSet: targetSet, endpoints: endpoints, ecs: ecs)
        if ecs.clusters.count > 1 {
            throw ValidationError("one-shot commands act on one cluster at a time: give --cluster once (the dashboard, watch, takes several)")
        }
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds, got \(timeout)") }
    }
}
