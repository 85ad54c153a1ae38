import FoundationEssentials
import ProtectionCore

/// The events pane's lines: each task's own activity and the notices that belong to no one task.
extension DashboardState {
    /// The latest `count` events of every task and the notices, newest last, merged by time.
    public func latestEvents(_ count: Int) -> [(label: String, activity: TaskActivity)] {
        guard count > 0 else { return [] }
        let all = tasks.flatMap { row in row.activity.prefix(count).map { (label: row.displayName, activity: $0) } }
            + notices.suffix(count).map { (label: "", activity: $0) }
        return Array(all.sorted { $0.activity.at < $1.activity.at }.suffix(count))
    }

    /// Whether the row flashes now (an alert fired in the last second).
    public func isFlashing(_ target: TargetID) -> Bool {
        flashUntil[target].map { now < $0 } ?? false
    }

    /// How many notices the events pane keeps.
    public static let noticeLimit = 20

    /// Adds a line to the events pane that belongs to no one task.
    mutating func notice(_ entry: TaskActivity) {
        notices.append(entry)
        if notices.count > Self.noticeLimit { notices.removeFirst(notices.count - Self.noticeLimit) }
    }
}
