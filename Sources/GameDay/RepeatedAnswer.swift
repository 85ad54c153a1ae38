import FoundationEssentials

/// An answer that repeated its task's previous one, waiting to be summed up in a heartbeat.
struct RepeatedAnswer: Sendable {
    /// When it arrived.
    var receivedAt: Date
    /// The `Date` header it carried.
    var serverDate: Date?
    /// When the dashboard took it in, when the caller said.
    var takenAt: Date?

    /// Whether a heartbeat written at `time` includes it: the dashboard had it by then.
    func ready(by time: Date) -> Bool { (takenAt ?? receivedAt) <= time }
}
