import ConfigFiles
import Logging

/// A swift-log handler that appends one line per event to a ``LogFile``:
/// `2026-11-27T16:20:01.123Z info ecs-protect.client: GET web-1 → 200 protected key=value`.
/// Text from the network or the operator passes through ``DisplaySafe`` first, so the file can be
/// read on a terminal safely.
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, file: LogFile) {
        self.label = label
        self.file = file
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var line = "\(LogTimestamp.now()) \(event.level) \(label): \(DisplaySafe.text(event.message.description, maximumLength: 2000))"
        for key in merged.keys.sorted() {
            line += " \(DisplaySafe.text(key))=\(DisplaySafe.text(merged[key]?.description ?? "", maximumLength: 500))"
        }
        if let error = event.error {
            line += " error=\(DisplaySafe.text(String(describing: error), maximumLength: 500))"
        }
        file.append(line)
    }
}
