import Synchronization

/// Keeps the latest records in memory (the events pane, tests).
public final class TimelineMemory: TimelineSink {
    private let records = Mutex<[TimelineRecord]>([])
    private let capacity: Int

    /// Keeps at most `capacity` records, dropping the oldest.
    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    public func record(_ record: TimelineRecord) {
        records.withLock { list in
            list.append(record)
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// The records kept, oldest first.
    public var all: [TimelineRecord] { records.withLock { $0 } }
}
