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
            FileHandle.standardError.write(Data("ecs-protect timeline: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        for problem in contents.problems {
            FileHandle.standardError.write(Data("ecs-protect timeline: \(problem)\n".utf8))
        }
        let drills = TimelineDrill.group(contents.records)
        guard let last = drills.last else {
            FileHandle.standardError.write(Data("ecs-protect timeline: \(TerminalSafeText.inert(file)): no events\n".utf8))
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        if list {
            print(TimelineSummary.list(drills), terminator: "")
            return
        }
        var chosen = last
        if let drill {
            guard let found = drills.first(where: { $0.id == drill }) else {
                FileHandle.standardError.write(Data("ecs-protect timeline: no drill \(drill) in \(TerminalSafeText.inert(file)) (try --list)\n".utf8))
                throw ExitCode(ExitStatus.answeredWithProblem)
            }
            chosen = found
        }
        if drill == nil, drills.count > 1 {
            FileHandle.standardError.write(Data("ecs-protect timeline: \(drills.count) drills in the file; reviewing the last (see --list, --drill)\n".utf8))
        }
        print(TimelineSummary(records: chosen.records).rendered(file: TerminalSafeText.inert(file), drill: chosen), terminator: "")
    }
}
