import OneShotCommands
import ArgumentParser
import GameDay

/// An events file read for `timeline` and `replay`: its problems reported, its drills listed, and
/// the one asked for (`--drill ID`, else the last) chosen.
enum DrillFile {
    /// The drill of `file` to review or replay (`verb`: what the warning says is done with the last), or nil once `--list` printed the file's drills.
    /// A file that cannot be read is exit 64; one without events, or without the drill asked for, exit 1.
    static func choose(file: String, drill: String?, list: Bool, command: String, verb: String) throws -> TimelineDrill? {
        let contents: TimelineReader.Contents
        do {
            contents = try TimelineReader.read(path: file)
        } catch {
            StandardError.write("ecs-protect \(command): \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        for problem in contents.problems {
            StandardError.write("ecs-protect \(command): \(problem)")
        }
        let drills = TimelineDrill.group(contents.records)
        guard let last = drills.last else {
            StandardError.write("ecs-protect \(command): \(file): no events")
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        // Output is checked: `timeline F --list > /dev/full` is exit 74 with one line on standard error, not a silent 0.
        if list {
            try StandardOutput.write(TimelineSummary.list(drills))
            return nil
        }
        guard let drill else {
            if drills.count > 1 {
                StandardError.write("ecs-protect \(command): \(drills.count) drills in the file; \(verb) the last (see --list, --drill)")
            }
            return last
        }
        guard let found = drills.first(where: { $0.id == drill }) else {
            StandardError.write("ecs-protect \(command): no drill \(drill) in \(file) (try --list)")
            throw ExitCode(ExitStatus.answeredWithProblem)
        }
        return found
    }
}
