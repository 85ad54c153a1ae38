import FoundationEssentials

/// The records of one drill in an events file, and the runs (processes) that wrote them.
public struct TimelineDrill: Sendable {
    /// One process's share of the drill.
    public struct Run: Sendable, Equatable {
        /// The run id (`nil` for records written before runs were recorded).
        public var id: String?
        /// The command that wrote it (`simulate`, `watch`, …), when its `run.started` record is there.
        public var command: String?
        /// Its first and last record times, and how many records it wrote.
        public var start: Date
        public var end: Date
        public var count: Int
    }

    /// The drill id; `nil` for the records of a file written before drill ids existed.
    public var id: String?
    /// Its records, in file order.
    public var records: [TimelineRecord]
    /// Its runs, by first record time.
    public var runs: [Run]

    /// The drills in `records`, in the order each first appears in the file.
    public static func group(_ records: [TimelineRecord]) -> [TimelineDrill] {
        var order: [String?] = []
        var byDrill: [String?: [TimelineRecord]] = [:]
        for record in records {
            if byDrill[record.drill] == nil { order.append(record.drill) }
            byDrill[record.drill, default: []].append(record)
        }
        return order.map { id in
            let records = byDrill[id] ?? []
            return TimelineDrill(id: id, records: records, runs: runs(of: records))
        }
    }

    private static func runs(of records: [TimelineRecord]) -> [Run] {
        var order: [String?] = []
        var byRun: [String?: Run] = [:]
        for record in records {
            if var run = byRun[record.run] {
                run.start = min(run.start, record.time)
                run.end = max(run.end, record.time)
                run.count += 1
                if record.kind == .runStarted, run.command == nil { run.command = record.fields["command"] }
                byRun[record.run] = run
            } else {
                order.append(record.run)
                byRun[record.run] = Run(id: record.run, command: record.kind == .runStarted ? record.fields["command"] : nil,
                                        start: record.time, end: record.time, count: 1)
            }
        }
        return order.compactMap { byRun[$0] }.sorted { $0.start < $1.start }
    }

    /// First and last record times.
    public var start: Date { records.map(\.time).min() ?? Date(timeIntervalSince1970: 0) }
    public var end: Date { records.map(\.time).max() ?? Date(timeIntervalSince1970: 0) }
}
