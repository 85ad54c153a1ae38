import ArgumentParser
import Foundation
import GameDay
import ProtectionCore

/// `--events FILE` for the dashboards: opens the JSON Lines file or ends with a usage error.
enum EventsFileOption {
    /// The writer for `path` in the drill `drill` names (see ``DrillEvents``), or `nil` without
    /// one; prints the problem and exits 64 when it cannot open.
    static func open(_ path: String?, drill: String?, command: String) throws -> TimelineWriter? {
        try DrillEvents.open(path, drill: drill, command: command)
    }

    /// The recorder for the dashboard's events on `endpoints` (none for a cluster: its tasks are
    /// learnt as they are found), into `writer`.
    static func recorder(_ writer: TimelineWriter?, endpoints: [Endpoint]) -> MonitorTimelineRecorder? {
        writer.map { MonitorTimelineRecorder(labels: endpoints.map(\.displayName), sink: $0) }
    }
}
