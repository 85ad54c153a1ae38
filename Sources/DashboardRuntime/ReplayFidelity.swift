import Dashboard
import FoundationEssentials
import GameDay
import ProtectionCore
import Synchronization
import TerminalUI

/// Checks a replay against the live screen it stands for: plays a drill's record with the replay's
/// own source (``ReplaySource``), one step at a time, into the dashboard's reducer, and at each
/// instant the live dashboard recorded a digest of its frame (`--record-frame-digests`) draws the
/// replayed state the same way and compares.
///
/// Between steps the state is ticked when a live loop would have ticked it (``TickSource``'s
/// rule: the screen's next change, the next alert, renewal or flash), so alerts and lapses happen
/// at the instants they did live.
public enum ReplayFidelity {
    /// One recorded instant and what the replay drew there.
    public struct Checkpoint: Sendable {
        /// What the live dashboard recorded.
        public var recorded: FrameDigestRecord
        /// The replayed frame's digest at the same instant, size, sort and filter.
        public var replayed: String
        /// The replayed frame itself (to say what differs when the digests do).
        public var frame: Frame

        public var matches: Bool { recorded.scheme == FrameDigest.scheme && recorded.digest == replayed }
    }

    /// Every recorded digest of `script`'s drill, in time order, with the replay's at the same
    /// instant. `alertBefore` is the alert window the live dashboard ran with (seconds).
    public static func check(_ script: ReplayScript, alertBefore: TimeInterval = 600) -> [Checkpoint] {
        let recorded = script.frameDigests.compactMap(FrameDigestRecord.init).sorted { $0.instant < $1.instant }
        guard !recorded.isEmpty else { return [] }
        let posted = Mutex<[DashboardEvent]>([])
        let source = ReplaySource(playback: ReplayPlayback(script: script, paused: true)) { event in posted.withLock { $0.append(event) } }
        var state = DashboardState(endpoints: [], now: script.start, width: recorded[0].view.width, height: recorded[0].view.height,
                                   pollInterval: script.pollInterval ?? MonitorConfiguration().pollInterval,
                                   ecsCluster: script.cluster, alertBefore: alertBefore, replay: true)
        _ = DashboardReducer.reduce(&state, .started)
        func drain() {
            for event in posted.withLock({ posted in defer { posted = [] }; return posted }) { _ = DashboardReducer.reduce(&state, event) }
        }
        var checkpoints: [Checkpoint] = []
        var next = 0
        for step in script.steps {
            while next < recorded.count, recorded[next].instant < step.time {
                checkpoints.append(checkpoint(recorded[next], state: &state))
                next += 1
            }
            tick(&state, until: step.time)
            source.control(.step(1))
            drain()
        }
        while next < recorded.count {
            checkpoints.append(checkpoint(recorded[next], state: &state))
            next += 1
        }
        return checkpoints
    }

    private static func checkpoint(_ record: FrameDigestRecord, state: inout DashboardState) -> Checkpoint {
        tick(&state, until: record.instant)
        _ = DashboardReducer.reduce(&state, .tick(record.instant))
        let frame = DashboardRenderer.render(FrameDigest.canonical(state, at: record.instant, view: record.view))
        return Checkpoint(recorded: record, replayed: FrameDigest.hex(FrameDigest.fnv1a(frame)), frame: frame)
    }

    /// Ticks `state` at each instant up to `limit` a live loop would have woken for.
    private static func tick(_ state: inout DashboardState, until limit: Date) {
        while let due = nextTick(state), due > state.now, due <= limit {
            _ = DashboardReducer.reduce(&state, .tick(due))
        }
    }

    /// ``TickSource``'s choice of the next tick.
    private static func nextTick(_ state: DashboardState) -> Date? {
        var due = DashboardViewModel(state).nextScreenChange(in: state)
        if let background = state.nextBackgroundDeadline() {
            let instant = background > state.now ? background : Date(timeIntervalSince1970: state.now.timeIntervalSince1970.rounded(.down) + 1)
            due = min(due ?? instant, instant)
        }
        return due
    }
}
