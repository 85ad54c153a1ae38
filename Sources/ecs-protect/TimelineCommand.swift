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
        Per task: time protected, time unprotected while a job ran, errors and how long each lasted, \
        lapses, and every operator action with the local user name. Lines that are not events \
        (a file cut short by a crash ends in one) are reported on standard error and skipped.
        """
    )

    @Argument(help: ArgumentHelp("The events file written with --events.", valueName: "file"))
    var file: String

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
        guard !contents.records.isEmpty else {
            StandardError.write("ecs-protect timeline: \(file): no events")
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        // Checked: `timeline F > /dev/full` is exit 74 with one line on standard error, not a silent 0.
        try StandardOutput.write(TimelineSummary(records: contents.records).rendered(file: file))
    }
}
