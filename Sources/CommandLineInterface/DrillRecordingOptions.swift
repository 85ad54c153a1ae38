import ArgumentParser
import GameDay

/// `--events FILE` and `--drill ID`, the same for every command that records into a drill's
/// events file (`watch`, `demo`, `get`, `protect`, `unprotect`).
struct DrillRecordingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Append this run's events (requests and their outcomes, state changes, errors, alerts, key actions) to this file as JSON Lines (see `ecs-protect timeline`).",
        valueName: "file"))
    var events: String?

    @Option(name: .long, help: ArgumentHelp("Record --events under this drill id (default: $ECS_PROTECT_DRILL_ID, else a new drill).", valueName: "id"))
    var drill: String?

    func validate() throws {
        try DrillEvents.validate(drill)
    }

    /// The events file for `command`, when `--events` is given (exits 64 when it cannot be used);
    /// `details` go into the run's `run.started` record.
    func open(command: String, details: [String: String] = [:]) throws -> TimelineWriter? {
        try DrillEvents.open(events, drill: drill, command: command, details: details)
    }
}
