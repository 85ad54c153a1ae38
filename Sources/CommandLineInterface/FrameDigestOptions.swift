import ArgumentParser
import DashboardRuntime

/// `--record-frame-digests` (hidden): the dashboard records a digest of its frame every few
/// seconds into its events file, so a replay of the drill can be checked against what the screen
/// showed (docs/REPLAY.md, "Checking a replay against the live screen").
struct FrameDigestOptions: ParsableArguments {
    @Flag(name: .customLong("record-frame-digests"), help: .hidden)
    var recordFrameDigests = false

    /// The interval to record digests at, when asked to; `events` is the `--events` file, which
    /// the digests go into (without one there is nowhere to record them).
    func interval(events: String?) throws -> Double? {
        guard recordFrameDigests else { return nil }
        guard events != nil else { throw ValidationError("--record-frame-digests records into the --events file; give one") }
        return FrameDigestRecord.defaultInterval
    }
}
