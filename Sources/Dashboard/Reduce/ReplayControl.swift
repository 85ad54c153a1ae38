import FoundationEssentials

/// What a replay key asks of the replay: the reducer returns it as an effect, and the runtime's
/// replay source moves its time cursor.
public enum ReplayControl: Sendable, Equatable {
    /// Stop the cursor, or let it run again.
    case togglePause
    /// Move to the previous (-1) or next (+1) moment of the record, and pause there.
    case step(Int)
    /// The next speed down or up (``ReplayStatus/speeds``).
    case slower, faster
    /// Jump to the drill's first or last record.
    case toStart, toEnd
    /// Jump to this instant.
    case jump(to: Date)
}
