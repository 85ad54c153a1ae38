import ArgumentParser
import Foundation
import GameDay
import ProtectionCore

/// `--events FILE` for the dashboards: opens the JSON Lines file or ends with a usage error.
enum EventsFileOption {
    /// The writer for `path`, or `nil` without one; prints the problem and exits 64 when it cannot open.
    static func open(_ path: String?, command: String) throws -> TimelineWriter? {
        guard let path else { return nil }
        do {
            return try TimelineWriter(path: path)
        } catch {
            FileHandle.standardError.write(Data("ecs-protect \(command): \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The recorder for the dashboard's events on `endpoints` (none for a cluster: its tasks are
    /// learnt as they are found), into `writer`.
    static func recorder(_ writer: TimelineWriter?, endpoints: [Endpoint]) -> MonitorTimelineRecorder? {
        writer.map { MonitorTimelineRecorder(labels: endpoints.map(\.displayName), sink: $0) }
    }
}
