import AgentSimulator
import FoundationEssentials
import Synchronization

/// The scenario's own time: seconds since it started, and a way to wait for a later moment.
public protocol PlaybackClock: Sendable {
    /// Seconds of scenario time since the start.
    var elapsed: Double { get }
    /// Scenario seconds per wall-clock second: the factor every scenario duration shrinks by.
    var speed: Double { get }
    /// Returns once `elapsed` has reached `time` (at once when it already has).
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until time: Double) async throws
}

/// Scenario time that runs with the real clock, `speed` times as fast (1 for a live drill; more to
/// rehearse a long scenario or to test one in seconds).
public final class RealtimePlaybackClock: PlaybackClock {
    /// Scenario seconds per real second.
    public let speed: Double
    private let start: ContinuousClock.Instant

    /// Starts the clock now.
    public init(speed: Double = 1) {
        self.speed = speed > 0 && speed.isFinite ? speed : 1
        start = ContinuousClock.now
    }

    public var elapsed: Double {
        let real = ContinuousClock.now - start
        return (Double(real.components.seconds) + Double(real.components.attoseconds) / 1e18) * speed
    }

    public func sleep(until time: Double) async throws {
        while true {
            let remaining = (time - elapsed) / speed
            if remaining <= 0 { return }
            // Sleep in slices of at most a second so a long wait still notices cancellation promptly.
            try await Task.sleep(for: .milliseconds(Int64(min(remaining, 1) * 1000) + 1))
        }
    }
}

/// Scenario time that only moves when waited on: each wait jumps straight to its time. For tests
/// that check what steps do, without any real waiting.
public final class SteppedPlaybackClock: PlaybackClock {
    private let current = Mutex<Double>(0)

    /// Starts at zero.
    public init() {}

    public var elapsed: Double { current.withLock { $0 } }

    /// Durations are not shrunk: the clock jumps, it does not run fast.
    public var speed: Double { 1 }

    public func sleep(until time: Double) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, time) }
        await Task.yield()
    }
}

/// The simulator's clock during a scenario: wall time since the scenario's start date (scenario
/// time divided by the speed, so what the simulator serves stays wall time under `--speed`), plus
/// the clock changes steps make (`advance` adds to the offset, `skew` sets it; the player shrinks
/// both by the speed).
public final class ScenarioSimulatorClock: SimulatorClock {
    private let origin: Date
    private let playback: any PlaybackClock
    private let offset = Mutex<Double>(0)

    /// A clock at `origin` when the scenario starts.
    public init(origin: Date, playback: any PlaybackClock) {
        self.origin = origin
        self.playback = playback
    }

    public func now() -> Date {
        origin.addingTimeInterval(playback.elapsed / playback.speed + offset.withLock { $0 })
    }

    /// Seconds the simulator runs ahead of scenario time.
    public var offsetSeconds: Double { offset.withLock { $0 } }

    /// Moves the simulator's clock forward.
    public func advance(by seconds: Double) {
        offset.withLock { $0 += seconds }
    }

    /// Sets how far the simulator's clock runs ahead of (negative: behind) scenario time.
    public func skew(to seconds: Double) {
        offset.withLock { $0 = seconds }
    }
}
