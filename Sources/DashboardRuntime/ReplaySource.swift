import Dashboard
import FoundationEssentials
import GameDay
import ProtectionCore
import Synchronization

/// The task source of a replay: it says what the drill's record says its sources said, each
/// moment when the replay's time cursor (``ReplayClock``) reaches it, so the dashboard shows the
/// drill again with the same views, filters and detail pane as live. It never sends anything:
/// refreshes are ignored and a PUT cannot reach it (the replay refuses those keys).
///
/// Going back in time plays the record again from its start (``DashboardEvent/replayRestarted``
/// first): a dashboard's state is what its events made it, so that is the one faithful way back.
public final class ReplaySource: TaskSource {
    private let script: ReplayScript
    private let clock: ReplayClock
    private let post: @Sendable (DashboardEvent) -> Void
    /// How many steps of the script are on screen.
    private let played = Mutex(0)
    /// The status last posted, so an unchanged cursor (paused, or within the same second) posts nothing.
    private let reported = Mutex<ReplayStatus?>(nil)
    private let loop = Mutex<Task<Void, Never>?>(nil)

    /// The longest the playing loop sleeps: how soon a cursor that runs catches up with a step
    /// (the steps themselves are due on the cursor's time; this only bounds waiting on a paused one).
    static let longestSleep: Duration = .milliseconds(250)

    /// A source playing `playback` into `post` (the session's inbox).
    public init(playback: ReplayPlayback, post: @escaping @Sendable (DashboardEvent) -> Void) {
        script = playback.script
        clock = playback.clock
        self.post = post
    }

    public var effectiveInterval: TimeInterval { 2 }

    public func start() {
        loop.withLock { loop in
            guard loop == nil else { return }
            loop = Task.detached { [weak self] in
                while !Task.isCancelled {
                    guard let sleep = self?.catchUp() else { return }
                    try? await Task.sleep(for: sleep)
                }
            }
        }
    }

    public func refreshNow(_ targets: [TargetID]?) {}

    public func send(_ change: ProtectionChange, to targets: [TargetID]) {}

    public func stop() async {
        let task = loop.withLock { loop in
            defer { loop = nil }
            return loop
        }
        task?.cancel()
        await task?.value
    }

    /// Carries out a replay key.
    public func control(_ control: ReplayControl) {
        played.withLock { played in
            let count = script.steps.count
            switch control {
            case .togglePause:
                // Resuming at the end plays the drill again.
                if clock.paused, clock.now() >= clock.end { seek(&played, to: 0, cursor: clock.start) }
                clock.setPaused(!clock.paused)
            case .step(let delta):
                clock.setPaused(true)
                let target = min(max(0, played + delta), count)
                seek(&played, to: target, cursor: target > 0 ? script.steps[target - 1].time : clock.start)
            case .slower, .faster:
                let speeds = ReplayStatus.speeds
                let index = speeds.lastIndex { $0 <= clock.speed } ?? 0
                clock.setSpeed(speeds[min(max(0, index + (control == .faster ? 1 : -1)), speeds.count - 1)])
            case .toStart:
                seek(&played, to: 0, cursor: clock.start)
            case .toEnd:
                seek(&played, to: count, cursor: clock.end)
            case .jump(let instant):
                seek(&played, to: script.count(atOrBefore: instant), cursor: instant)
            }
            post(.tick(clock.now()))
            report(played)
        }
    }

    /// Plays every step the cursor has reached; returns how long to sleep before looking again.
    private func catchUp() -> Duration {
        played.withLock { played in
            let now = clock.now()
            let due = script.count(atOrBefore: now)
            if due > played { play(&played, upTo: due) }
            if now >= clock.end, !clock.paused { clock.setPaused(true) }
            report(played)
            // Awake for the next step, and for the cursor's next whole second (the header's clock).
            let nextSecond = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
            let next = played < script.steps.count ? min(script.steps[played].time, nextSecond) : nextSecond
            guard let wait = clock.wallSeconds(until: next) else { return Self.longestSleep }
            return min(.nanoseconds(Int64(max(0.001, wait) * 1e9)), Self.longestSleep)
        }
    }

    private func seek(_ played: inout Int, to target: Int, cursor: Date) {
        if target < played {
            post(.replayRestarted)
            played = 0
        }
        play(&played, upTo: target)
        clock.set(cursor)
    }

    private func play(_ played: inout Int, upTo target: Int) {
        while played < target {
            let step = script.steps[played]
            // The dashboard's clock stood at the step's time when it took in what the step says.
            post(.tick(step.time))
            for event in step.events { post(.source(event)) }
            played += 1
        }
    }

    private func report(_ played: Int) {
        let now = clock.now()
        let status = ReplayStatus(cursor: now, start: clock.start, end: clock.end, paused: clock.paused, speed: clock.speed,
                                  played: played, total: script.steps.count)
        let changed = reported.withLock { last in
            var seconds = status, lastSeconds = last
            seconds.cursor = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            lastSeconds?.cursor = Date(timeIntervalSince1970: (last?.cursor.timeIntervalSince1970 ?? 0).rounded(.down))
            last = status
            return seconds != lastSeconds
        }
        if changed { post(.replayProgress(status)) }
    }
}

/// What a replay session plays: a drill's script on its time cursor.
public struct ReplayPlayback: Sendable {
    public var script: ReplayScript
    public var clock: ReplayClock

    /// A replay of `script` starting at its first record, at `speed`.
    public init(script: ReplayScript, speed: Int = 1, paused: Bool = false) {
        self.script = script
        clock = ReplayClock(start: script.start, end: script.end, speed: speed, paused: paused)
    }
}
