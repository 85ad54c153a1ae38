import GameDay
import ArgumentParser

/// `FILE [--drill ID] [--list]`: which drill of an events file `timeline` and `replay` work on.
struct DrillFileOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The events file written with --events.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("This drill instead of the last one in the file (see --list).", valueName: "id"))
    var drill: String?

    @Flag(name: .long, help: "List the drills in the file, one a line, oldest first.")
    var list = false

    func validate() throws {
        if list, drill != nil { throw ValidationError("--list and --drill do not go together") }
        try DrillEvents.validate(drill)
    }

    /// The drill chosen (see ``DrillFile/choose(file:drill:list:command:verb:)``), or nil once `--list` printed them.
    func choose(command: String, verb: String) throws -> TimelineDrill? {
        try DrillFile.choose(file: file, drill: drill, list: list, command: command, verb: verb)
    }
}
