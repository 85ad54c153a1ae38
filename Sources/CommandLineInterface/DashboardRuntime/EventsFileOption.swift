import OneShotCommands
import ArgumentParser
import FoundationEssentials
import GameDay
import ProtectionCore

/// The dashboards' events file at the end of a run and as the recorder of their events.
enum EventsFileOption {
    /// The status a dashboard run ends with, once its files are checked: events or log lines that
    /// could not be written (disk full, file too large, I/O error) are one line each on standard
    /// error, and turn a clean exit into 74 (EX_IOERR), so a lost record is never silent.
    static func finish(_ status: Int32, writer: TimelineWriter?, events: String?, command: String) -> Int32 {
        var lost = false
        if let writer, writer.failedWrites > 0 {
            StandardError.write("ecs-protect \(command): \(writer.failedWrites) event\(writer.failedWrites == 1 ? "" : "s") could not be written to \(events ?? "the events file")")
            lost = true
        }
        if let log = LogFile.current.withLock({ $0 }), log.failedWrites > 0 {
            StandardError.write("ecs-protect \(command): \(log.failedWrites) log line\(log.failedWrites == 1 ? "" : "s") could not be written to \(log.path)")
            lost = true
        }
        return lost && status == ExitStatus.success ? ExitStatus.outputFailed : status
    }

    /// The recorder for the dashboard's events on `endpoints` (none for a cluster: its tasks are
    /// learnt as they are found), into `writer`.
    static func recorder(_ writer: TimelineWriter?, endpoints: [Endpoint]) -> MonitorTimelineRecorder? {
        writer.map { MonitorTimelineRecorder(labels: endpoints.map(\.displayName), endpoints: endpoints.map(\.agentURI), sink: $0) }
    }
}
