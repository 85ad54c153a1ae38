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

    @Option(name: .long, help: ArgumentHelp("Append what each target was asked and answered to this file as JSON Lines (see `ecs-protect timeline`).", valueName: "file"))
    var events: String?

    @Option(name: .long, help: ArgumentHelp("Record --events under this drill id (default: $ECS_PROTECT_DRILL_ID, else a new drill).", valueName: "id"))
    var drill: String?

    /// The events file for `command`, when `--events` is given (exits 64 when it cannot be used).
    func openEvents(command: String) throws -> TimelineWriter? {
        try DrillEvents.open(events, drill: drill, command: command)
    }

    func validate() throws {
        try DrillEvents.validate(drill)
        // Whether any endpoint is given is decided when the command runs (a list on standard
        // input is read once); --cluster only has to exclude them.
        if targetSet != nil, endpoints.givesEndpoints {
            throw ValidationError("give a target set NAME or --endpoint/--endpoints-from, not both")
        }
        if targetSet != nil, ecs.cluster != nil {
            throw ValidationError("give a target set NAME or --cluster, not both")
        }
        try ecs.checkExclusive(with: endpoints)
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds, got \(timeout)") }
    }
}
