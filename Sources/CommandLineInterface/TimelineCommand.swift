import OneShotCommands
import ArgumentParser
import Foundation
import GameDay
import SafeText

/// `ecs-protect timeline FILE`: the review of a drill from its events file.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Summarise an events file (JSON Lines) for a drill's review.",
        discussion: """
        Reviews one drill (by default the last one in the file, with every process that recorded \
        it, merged by wall time). Per task: time protected, time unprotected while a job ran, errors \
        and how long each lasted, lapses, alerts, keep renewals, and every operator action with its \
        outcome and the local user name. Lines that are not events (a file cut short by a crash ends \
        in one) are reported on standard error and skipped. The format is described in docs/EVENTS.md.
        """
    )

    @Argument(help: ArgumentHelp("The events file written with --events.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Review this drill instead of the last one (see --list).", valueName: "id"))
    var drill: String?

    @Flag(name: .long, help: "List the drills in the file, one a line, oldest first.")
    var list = false

    func validate() throws {
        if list, drill != nil { throw ValidationError("--list and --drill do not go together") }
        try DrillEvents.validate(drill)
    }

    func run() throws {
        let contents: TimelineReader.Contents
        do {
            contents = try TimelineReader.read(path: file)
        } catch {
            StandardError.write("ecs-protect timeline: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        for problem in contents.problems {
            StandardError.write("ecs-protect timeline: \(problem)")
        }
        let drills = TimelineDrill.group(contents.records)
        guard let last = drills.last else {
            StandardError.write("ecs-protect timeline: \(file): no events")
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        // Output is checked: `timeline F > /dev/full` is exit 74 with one line on standard error, not a silent 0.
        if list {
            try StandardOutput.write(TimelineSummary.list(drills))
            return
        }
        var chosen = last
        if let drill {
            guard let found = drills.first(where: { $0.id == drill }) else {
                StandardError.write("ecs-protect timeline: no drill \(drill) in \(file) (try --list)")
                throw ExitCode(ExitStatus.answeredWithProblem)
            }
            chosen = found
        }
        if drill == nil, drills.count > 1 {
            StandardError.write("ecs-protect timeline: \(drills.count) drills in the file; reviewing the last (see --list, --drill)")
        }
        try StandardOutput.write(TimelineSummary(records: chosen.records).rendered(file: TerminalSafeText.inert(file), drill: chosen))
    }
}
