import CursesTerminal
import Dashboard
import Foundation
import Logging
import GameDay
import ProtectionCore
import SafeText
import TerminalUI

/// Runs the dashboard: one loop reads events (keys, resizes, ticks, monitor results, demo
/// feedback), reduces them, carries out the effects the reducer returns, and draws only when the
/// state changed. Network work runs elsewhere and comes back through the ``EventInbox``.
final class DashboardSession {
    struct Options: Sendable {
        var endpoints: [Endpoint]
        var monitor: MonitorConfiguration
        var readOnly: Bool
        var demo: DemoControls?
        var themes: ThemeCycle
        /// `--log-file`: requests, answers and operator actions are logged here when set.
        var log: Logger? = nil
        /// Tasks from the ECS API instead of `endpoints`.
        var ecs: ECSDashboardSource? = nil
        /// Where the session's events go (`--events`), if anywhere.
        var timeline: MonitorTimelineRecorder? = nil
        /// The scenario the demo plays, if any.
        var scenario: ScenarioPlayer? = nil
        /// Minutes before an expiry that a task alerts (and shows EXPIRING).
        var alertBeforeMinutes: Double = 10
        /// Whether alerts ring the terminal's bell.
        var bell = true
    }

    private let options: Options
    /// The state when the loop ended, for what must be said after the terminal is restored.
    private var lastState: DashboardState?

    init(options: Options) { self.options = options }

    /// Runs a session on a thread of its own. Its loop blocks in the terminal's input wait, so it
    /// must never sit on one of the few threads of Swift concurrency's shared pool (nor on the
    /// main actor's queue): the HTTP client, the monitor and the demo simulator need them.
    static func runOnOwnThread(_ options: Options) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try DashboardSession(options: options).runReportingErrors() })
            }
            thread.name = "ecs-protect.dashboard"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs the dashboard and turns a failure to start into a message on the restored terminal.
    func runReportingErrors() throws -> Int32 {
        do {
            let status = try run()
            if let lastState, case let warning = Self.keptWarning(lastState), !warning.isEmpty { StandardError.write(warning) }
            return status
        } catch let error as CursesTerminalError {
            // The error may quote TERM and other settings: through the output boundary.
            StandardError.write("ecs-protect: \(error)")
            return ExitStatus.noTerminal
        }
    }

    /// Runs until `q`, Ctrl-C, a termination signal or a hang-up; returns the exit status.
    /// The terminal is restored on every path out of here.
    func run() throws -> Int32 {
        TerminationSignals.install()
        let terminal = try CursesTerminal.start(colorEnabled: options.themes.colorEnabled)
        let inbox = EventInbox(waker: terminal.waker)
        let effects = EffectRunner(options: options, terminal: terminal, inbox: inbox)
        defer { effects.stop() } // gives the terminal back first, then winds requests down
        var state = DashboardState(
            endpoints: options.ecs == nil ? options.endpoints : [], now: Date(), width: terminal.size.width, height: terminal.size.height,
            pollInterval: options.monitor.pollInterval, readOnly: options.readOnly, demo: options.demo != nil,
            faultKinds: options.demo?.faultKinds ?? [], themeNames: options.themes.names)
        state.ecsCluster = options.ecs?.selection.cluster
        state.expiringSoonThreshold = options.alertBeforeMinutes * 60
        // A drill shows its events from the start.
        state.eventsOpen = options.scenario != nil
        var events = options.demo?.initialEvents ?? []
        var ticks = TickSource()
        defer { lastState = state }
        effects.applyFirstTheme(state.themeIndex)
        // The table goes up before the HTTP client and the monitor are made: a few milliseconds
        // sooner on screen, and nothing they do can hold the first frame back. What the screen
        // shows is kept as a frame, not as the state: a second reference to the state's rows
        // would make the next change copy all of them (thousands, at every answer).
        var shown = DashboardRenderer.render(state)
        terminal.draw(shown)
        // A theme change repaints the same frame in other colours.
        var shownTheme = state.themeIndex
        effects.startPolling()
        while true {
            for event in events {
                for effect in DashboardReducer.reduce(&state, event) {
                    if let status = effects.perform(effect, naming: { state.task($0)?.displayName ?? "#\($0)" }) { return status }
                }
            }
            if !events.isEmpty {
                let frame = DashboardRenderer.render(state)
                if frame != shown || state.themeIndex != shownTheme {
                    terminal.draw(frame)
                    shown = frame
                    shownTheme = state.themeIndex
                }
            }
            if let signal = TerminationSignals.pending { return TerminationSignals.exitStatus(for: signal) }
            // The terminal went away without a signal: end as a hang-up would.
            if terminal.isInputClosed { return TerminationSignals.exitStatus(for: SIGHUP) }
            let input = terminal.nextInput(timeout: ticks.timeout(for: state))
            events = inbox.drain()
            switch input {
            case .key(let key): events.append(.key(key))
            case .resize(let width, let height): events.append(.resize(width: width, height: height))
            case nil: break
            }
            if let tick = ticks.next() { events.append(tick) }
        }
    }
}

extension DashboardSession {
    /// Kept tasks are no longer renewed once the dashboard ends: say until when each stays protected.
    static func keptWarning(_ state: DashboardState) -> String {
        guard !state.kept.isEmpty else { return "" }
        var text = "ecs-protect: no longer renewing \(state.kept.count) kept task\(state.kept.count == 1 ? "" : "s"):\n"
        for target in state.kept.keys.sorted() {
            guard let row = state.task(target) else { continue }
            let name = TerminalSafeText.inert(row.displayName)
            if let expiry = state.localExpiry(of: row), expiry > Date() {
                text += "  \(name) stays protected until \(TimelineRecord.timestamp(expiry)) "
                    + "(\(CountdownText.format(seconds: expiry.timeIntervalSinceNow)) from now)\n"
            } else {
                text += "  \(name) is not protected\n"
            }
        }
        return text
    }
}

/// A `.tick` exactly when something on screen shows its next value — a countdown on the
/// expiry's own fractional second, an age, a stale mark (``DashboardState/nextScreenChange(sharing:ageLag:)``)
/// — and none while nothing on screen changes with time: an idle dashboard sleeps until a key, an
/// answer or a signal wakes it.
private struct TickSource {
    private var due: Date?

    /// How long the input wait may block before the next tick is due in `state`.
    mutating func timeout(for state: DashboardState) -> Duration {
        due = state.nextScreenChange()
        // Alerts before a lapse, renewals of kept tasks and flashes are checked on ticks for every
        // task, on screen or not: tick when the earliest of them is due. One already past (the
        // reducer did not act on it, e.g. a renewal refused) is retried on the next local second,
        // never in a tight loop.
        if let background = state.nextBackgroundDeadline() {
            let now = Date()
            let instant = background > now
                ? background : Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
            due = min(due ?? instant, instant)
        }
        // Nothing changes by itself: wait for an event (the wait rounds up to whole milliseconds,
        // so a tick is never early).
        guard let due else { return .seconds(3600) }
        return .nanoseconds(Int64(max(0, due.timeIntervalSinceNow) * 1e9))
    }

    /// A tick when the change the last wait was for is due.
    mutating func next() -> DashboardEvent? {
        let now = Date()
        guard let due, now >= due else { return nil }
        self.due = nil
        return .tick(now)
    }
}
