/// Where timeline records go (a file, the screen's events pane, a test's list).
public protocol TimelineSink: Sendable {
    /// Takes one record; must not block for long (it is called from the code that observed the event).
    func record(_ record: TimelineRecord)
}

/// Sends each record to several sinks.
public struct TimelineFanOut: TimelineSink {
    private let sinks: [any TimelineSink]

    /// Creates a fan-out over `sinks`.
    public init(_ sinks: [any TimelineSink]) {
        self.sinks = sinks
    }

    public func record(_ record: TimelineRecord) {
        for sink in sinks { sink.record(record) }
    }
}
