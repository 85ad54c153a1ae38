import ArgumentParser
import Logging

/// `--log-file PATH`: a timestamped record of what the dashboard and the HTTP client did.
struct LogFileOptions: ParsableArguments {
    @Option(name: .customLong("log-file"),
            help: ArgumentHelp("Append a timestamped log of what the dashboard and the client do to this file (off by default; never written to the terminal).",
                               valueName: "path"),
            completion: .file())
    var logFile: String?

    /// Sends every swift-log logger of the process to the file, or nowhere without `--log-file`
    /// (a library's log line on the terminal would tear the dashboard's screen). Returns the
    /// logger for `label`, or nil when there is no log file.
    func bootstrap(label: String) throws -> Logger? {
        guard let logFile else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return nil
        }
        let file: LogFile
        do {
            file = try LogFile(path: logFile)
        } catch {
            throw ValidationError(error.description)
        }
        LogFile.current.withLock { $0 = file }
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: file) }
        return Logger(label: label)
    }
}
