import OneShotCommands
import ArgumentParser
import FoundationEssentials
import GameDay
import ProtectionCore

/// `--events FILE` and `--drill ID` for every command that records a drill: opens the file under
/// the drill given (by flag, else `$ECS_PROTECT_DRILL_ID`, else a new one) and starts the run
/// with a `run.started` record saying which command wrote what follows.
enum DrillEvents {
    /// The writer for `path`, or `nil` without one; prints the problem and exits 64 when the
    /// drill id is not one or the file cannot be opened.
    static func open(_ path: String?, drill flag: String?, command: String, details: [String: String] = [:]) throws -> TimelineWriter? {
        guard let path else { return nil }
        do {
            return try writer(path: path, identity: try identity(flag: flag), command: command, details: details)
        } catch {
            // The path and the id are the operator's text: through the output boundary.
            StandardError.write("ecs-protect \(command): \(String(describing: error))")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Opens `path` as `identity`'s and records the run's start.
    static func writer(path: String, identity: DrillIdentity, command: String, details: [String: String] = [:])
        throws(TimelineWriter.OpenError) -> TimelineWriter {
        let writer = try TimelineWriter(path: path, identity: identity)
        let fields = details.merging([
            "command": command, "version": ProductVersion.current, "user": LocalUser.name,
            "pid": String(ProcessInfo.processInfo.processIdentifier),
        ]) { $1 }
        writer.record(TimelineRecord(time: Date(), kind: .runStarted, fields: fields))
        return writer
    }

    /// The drill to join (by `flag`, else the environment) or a new one.
    /// - Throws: ``DrillIDError`` for an id that is not one.
    static func identity(flag: String?) throws(DrillIDError) -> DrillIdentity {
        try DrillIdentity.resolve(flag: flag)
    }

    /// `--drill` as given on a command line: checked before anything runs.
    static func validate(_ flag: String?) throws {
        guard let flag else { return }
        do { _ = try DrillIdentity.validated(flag, origin: "--drill") } catch { throw ValidationError(error.description) }
    }
}
