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
            FileHandle.standardError.write(Data("ecs-protect timeline: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        for problem in contents.problems {
            FileHandle.standardError.write(Data("ecs-protect timeline: \(problem)\n".utf8))
        }
        guard !contents.records.isEmpty else {
            FileHandle.standardError.write(Data("ecs-protect timeline: \(TerminalSafeText.inert(file)): no events\n".utf8))
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        print(TimelineSummary(records: contents.records).rendered(file: file), terminator: "")
    }
}
