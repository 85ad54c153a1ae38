import Dashboard
import FoundationEssentials
import GameDay
import Logging
import ProtectionCore
import SafeText
import TerminalUI

/// Runs the dashboard: one loop reads events (keys, resizes, ticks, monitor results, demo
/// feedback), reduces them, carries out the effects the reducer returns, and draws only when the
/// state changed. Network work runs elsewhere and comes back through the ``EventInbox``.
///
/// The loop draws on any ``TerminalBackend``: ncurses in the program, ``TestBackend`` in tests.
public final class DashboardSession {
    /// What to watch and how.
    public struct Options: Sendable {
        public var endpoints: [Endpoint]
        public var monitor: MonitorConfiguration
        public var readOnly: Bool
        public var demo: DemoControls?
        public var themes: ThemeCycle
        /// `--log-file`: requests, answers and operator actions are logged here when set.
        public var log: Logger? = nil
        /// Tasks from the ECS API instead of `endpoints`.
        public var ecs: ECSDashboardSource? = nil
        /// Several clusters at once (``ecs`` is then the first): one source each, behind one
        /// ``FleetTaskSource``.
        public var ecsFleet: [ECSDashboardSource] = []
        /// What the header calls the clusters watched: the target set's name, or the clusters'.
        public var ecsTitle: String? = nil
        /// Where the session's events go (`--events`), if anywhere.
        public var timeline: MonitorTimelineRecorder? = nil
        /// The scenario the demo plays, if any.
        public var scenario: ScenarioPlayer? = nil
        /// Minutes before an expiry that a task alerts (and shows EXPIRING).
        public var alertBeforeMinutes: Double = 10
        /// Whether alerts ring the terminal's bell.
        public var bell = true
        /// Task table columns hidden at start (`hidden-columns` in the config file).
        public var hiddenColumns: Set<TableColumn> = []
        /// Keeps the column menu's choice (writes `hidden-columns` into the config file) and says
        /// where; nil when this run keeps no settings (demo, replay, no config location).
        public var keepHiddenColumns: (@Sendable ([String]) throws -> String)? = nil
        /// A drill's record to play instead of a live source (`ecs-protect replay`).
        public var replay: ReplayPlayback? = nil
        /// How often the digest of the frame (``FrameDigest``) goes into ``timeline``, if at all
        /// (`--record-frame-digests`): what a replay of the record is checked against.
        public var frameDigestInterval: TimeInterval? = nil
        /// Sees each digest recorded and the frame it was taken of (a test's view of the live side).
        public var frameDigestObserver: (@Sendable (FrameDigestRecord, Frame) -> Void)? = nil

        public init(endpoints: [Endpoint], monitor: MonitorConfiguration, readOnly: Bool, demo: DemoControls?, themes: ThemeCycle,
                    log: Logger? = nil, ecs: ECSDashboardSource? = nil, timeline: MonitorTimelineRecorder? = nil,
                    scenario: ScenarioPlayer? = nil, alertBeforeMinutes: Double = 10, bell: Bool = true) {
            self.endpoints = endpoints
            self.monitor = monitor
            self.readOnly = readOnly
            self.demo = demo
            self.themes = themes
            self.log = log
            self.ecs = ecs
            self.timeline = timeline
            self.scenario = scenario
            self.alertBeforeMinutes = alertBeforeMinutes
            self.bell = bell
        }
    }

    /// The exit status of a session the operator ended (`q`).
    public static let quitStatus: Int32 = 0
    /// The exit status of a session ended by a hang-up (128 + SIGHUP).
    public static let hangUpStatus: Int32 = 129

    private let options: Options
    /// The state when the loop ended, for what must be said after the terminal is restored.
    public private(set) var lastState: DashboardState?

    public init(options: Options) { self.options = options }

    /// Runs `body` on a thread of its own. A session's loop blocks in the terminal's input wait,
    /// so it must never sit on one of the few threads of Swift concurrency's shared pool (nor on
    /// the main actor's queue): the HTTP client, the monitor and the demo simulator need them.
    public static func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await OwnThread.run(name: "ecs-protect.dashboard", stackSize: 8 << 20) { Swift.Result { try body() } }.get()
    }

    /// Runs on `terminal` until `q`, Ctrl-C, a termination signal or a hang-up; returns the exit
    /// status (``quitStatus``, 128 + the signal, ``hangUpStatus``). The terminal is given back
    /// (``TerminalBackend/stop()``) on every path out of here.
    public func run(on terminal: any TerminalBackend) -> Int32 {
        let clock: any SessionClock = options.replay?.clock ?? WallClock()
        let inbox = EventInbox(waker: terminal.waker, clock: clock)
        let effects = EffectRunner(options: options, terminal: terminal, inbox: inbox)
        defer { effects.stop() } // gives the terminal back first, then winds requests down
        let started = clock.now()
        // The clock times of a replay are the drill's: its span and the days after it.
        let zone = SystemTimeZone.offsets(from: min(started, options.replay?.script.start ?? started),
                                          through: max(started, options.replay?.script.end ?? started))
        var state = DashboardState(
            endpoints: options.ecs == nil ? options.endpoints : [], now: started, timeZone: zone,
            width: terminal.size.width, height: terminal.size.height,
            pollInterval: options.monitor.pollInterval, readOnly: options.readOnly, demo: options.demo != nil,
            faultKinds: options.demo?.faultKinds ?? [], themeNames: options.themes.names,
            // A drill shows its events from the start.
            ecsCluster: options.ecsTitle ?? options.ecs?.selection.cluster ?? options.replay?.script.cluster, alertBefore: options.alertBeforeMinutes * 60,
            eventsOpen: options.scenario != nil, replay: options.replay != nil, hiddenColumns: options.hiddenColumns,
            simulatedRegion: options.demo?.regionToTakeDown?.configuration.region)
        var events = options.demo?.initialEvents ?? []
        // A replay shows its record's instants as they were: nothing early. Nor does a dashboard
        // that records frame digests: a digest's instant must be a time the state had reached, or
        // the replay would take in answers that arrived between the wake-up and the instant shown.
        let showsEarly = options.replay == nil && options.frameDigestInterval == nil
        var ticks = TickSource(clock: clock, window: showsEarly ? .live : .replay)
        var ticked = false
        var lastDigest: Date?
        defer { lastState = state }
        // The visible order and the tally, kept beside the state and brought up to date by the reducer.
        var viewModel = DashboardViewModel(state)
        for effect in DashboardReducer.reduce(&state, .started, viewModel: &viewModel) { _ = effects.perform(effect) }
        // The table goes up before the HTTP client and the monitor are made: a few milliseconds
        // sooner on screen, and nothing they do can hold the first frame back. What the screen
        // shows is kept as a frame, not as the state: a second reference to the state's rows
        // would make the next change copy all of them (thousands, at every answer).
        var frames = FrameBuffers(shown: DashboardRenderer.render(state, viewModel: viewModel))
        terminal.draw(frames.shown)
        var memo = RenderMemo()
        // A theme change repaints the same frame in other colours.
        var shownTheme = state.themeIndex
        effects.startPolling()
        while true {
            // A wake-up for the clock alone (one tick, no key or answer with it) that moved nothing
            // but the clock: the frame shown, with what the clock changed on it, is the new one.
            var onlyTimeMoved = false
            for event in events {
                // Keep on and off change no request by themselves: the drill's record learns of them here.
                var keptBefore: Set<TargetID>?
                if case .key = event, options.timeline != nil { keptBefore = Set(state.kept.keys) }
                let due: [DashboardEffect]
                if events.count == 1, case .tick(let now) = event {
                    (due, onlyTimeMoved) = DashboardReducer.reduceTick(&state, at: now, viewModel: &viewModel)
                } else {
                    due = DashboardReducer.reduce(&state, event, viewModel: &viewModel)
                }
                if let keptBefore { options.timeline?.keepChanged(from: keptBefore, to: Set(state.kept.keys)) }
                for effect in due {
                    if let status = effects.perform(effect, naming: { state.task($0)?.displayName ?? "#\($0)" }) { return status }
                }
            }
            // What reads every task once per wake-up, not once per event of a burst.
            viewModel.settle(for: state)
            // Digests are taken on ticks: the state then is the screen at the tick's instant.
            if ticked, let interval = options.frameDigestInterval, state.now.timeIntervalSince(lastDigest ?? .distantPast) >= interval {
                lastDigest = state.now
                recordDigest(of: state)
            }
            // The memo's last frame is the one shown (an equal frame is not shown again), so the
            // step starts from it; when it cannot say, the whole frame is drawn.
            var stepped = false
            if onlyTimeMoved, let rows = frames.step({ DashboardRenderer.renderTimeStep(state, viewModel: viewModel, into: &$0, memo: &memo) }) {
                stepped = true
                if !rows.isEmpty { terminal.draw(frames.shown, changedRows: rows) }
            }
            if !stepped, !events.isEmpty,
               frames.drawWhole(always: state.themeIndex != shownTheme, { DashboardRenderer.render(state, viewModel: viewModel, into: &$0, memo: &memo) }) {
                terminal.draw(frames.shown)
                shownTheme = state.themeIndex
            }
            if let signal = terminal.pendingTerminationSignal { return 128 + signal }
            // The terminal went away without a signal: end as a hang-up would.
            if terminal.isInputClosed { return Self.hangUpStatus }
            let input = terminal.nextInput(timeout: ticks.timeout(for: state, viewModel: viewModel))
            let drained = inbox.drain()
            events = drained.events
            switch input {
            case .key(let key): events.append(.key(key))
            case .resize(let width, let height): events.append(.resize(width: width, height: height))
            case nil: break
            }
            ticked = false
            // The tick's instant is the drain's: the state it shows holds every event posted by
            // then and none posted after (a digest taken on it is what a replay can rebuild).
            if let tick = ticks.next(now: drained.at) {
                events.append(tick)
                ticked = true
            }
        }
    }

    private func recordDigest(of state: DashboardState) {
        let record = FrameDigestRecord(state: state, view: FrameDigest.View(of: state))
        options.timeline?.frameDigest(record.digest, fields: record.fields, at: record.instant)
        options.frameDigestObserver?(record, DashboardRenderer.render(FrameDigest.canonical(state, at: record.instant, view: record.view)))
    }
}

extension DashboardSession {
    /// Kept tasks are no longer renewed once the dashboard ends: say until when each stays protected.
    public static func keptWarning(_ state: DashboardState) -> String {
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
