import FoundationEssentials

/// Where a replay stands: the time cursor the header shows and what the replay keys change.
public struct ReplayStatus: Sendable, Equatable {
    /// The instant of the record on screen.
    public var cursor: Date
    /// The drill's first and last record.
    public var start: Date
    public var end: Date
    /// Whether the cursor stands still.
    public var paused: Bool
    /// How many record seconds pass per second (1 to 60).
    public var speed: Int
    /// How many of the record's moments are on screen, of how many.
    public var played: Int
    public var total: Int

    /// Creates a status.
    public init(cursor: Date, start: Date, end: Date, paused: Bool, speed: Int, played: Int, total: Int) {
        self.cursor = cursor
        self.start = start
        self.end = end
        self.paused = paused
        self.speed = speed
        self.played = played
        self.total = total
    }

    /// The speeds the `-` and `+` keys step through.
    public static let speeds = [1, 2, 5, 10, 20, 30, 60]

    /// The instant within the drill whose clock time (in `timeZone`) is `secondsOfDay`: on the
    /// drill's first day, or the next day for a drill that runs past midnight; nil when the drill
    /// has no such instant.
    public func instant(atClock secondsOfDay: Int, in timeZone: LocalTimeOffsets) -> Date? {
        let localStart = (start.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: start))).rounded(.down)
        guard localStart.isFinite else { return nil }
        let firstMidnight = (localStart / 86_400).rounded(.down) * 86_400
        for dayOffset in 0...1 {
            let instant = timeZone.instant(atLocal: firstMidnight + Double(dayOffset * 86_400 + secondsOfDay))
            // Whole seconds: the start's own second counts as within the drill.
            if instant >= start.addingTimeInterval(-1), instant <= end { return max(instant, start) }
        }
        return nil
    }
}
