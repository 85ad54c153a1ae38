import AWSAccess
import Dashboard
import GameDay
import ProtectionClient
import ProtectionCore
import Synchronization
import TerminalUI

/// Carries out the reducer's effects: requests through the monitor, faults through the demo
/// simulator, themes on the terminal. What comes back arrives later as events in the inbox.
final class EffectRunner {
    private let options: DashboardSession.Options
    private let terminal: any TerminalBackend
    private let inbox: EventInbox
    /// Created by ``startPolling()``: the first frame is drawn before the HTTP client's thread and
    /// the monitor exist.
    private var client: AgentHTTPClient?
    private var monitor: (any TaskSource)?
    /// The monitor, when it is a replay's: the replay keys move its time cursor.
    private var replay: ReplaySource?
    private var scenarioTasks: [Task<Void, Never>] = []

    init(options: DashboardSession.Options, terminal: any TerminalBackend, inbox: EventInbox) {
        self.options = options
        self.terminal = terminal
        self.inbox = inbox
    }

    /// Starts polling (and the drill's steps, if any). Calling it again does nothing.
    func startPolling() {
        guard monitor == nil else { return }
        let inbox = self.inbox
        let monitor: any TaskSource
        if let playback = options.replay {
            let replay = ReplaySource(playback: playback) { inbox.post($0) }
            self.replay = replay
            monitor = replay
        } else if options.ecsFleet.count > 1 {
            let timeline = options.timeline
            let members = options.ecsFleet.map { ecs in
                FleetTaskSource.Member(name: ecs.name, budget: ecs.budget) { onEvent in
                    ECSTaskMonitor(client: ecs.client, selection: ecs.selection, configuration: ecs.configuration, onEvent: onEvent)
                }
            }
            monitor = FleetTaskSource(members: members) { event in
                let taken = inbox.post(.source(event))
                timeline?.record(event, at: taken, takenInAt: taken)
            }
        } else if let ecs = options.ecs {
            let timeline = options.timeline
            monitor = ECSTaskMonitor(client: ecs.client, selection: ecs.selection, configuration: ecs.configuration) { event in
                // Recorded once posted, with the inbox's stamp: a replay takes it in when this loop did.
                let taken = inbox.post(.source(event))
                timeline?.record(event, at: taken, takenInAt: taken)
            }
        } else {
            let client = AgentHTTPClient(configuration: .init(
                maximumConnectionsPerHost: AgentHTTPClient.Configuration.connectionLimit(forTargets: options.endpoints.count)))
            self.client = client
            let transport: any ProtectionTransport
            if let log = options.log { transport = LoggedTransport(base: client, logger: log) } else { transport = client }
            let timeline = options.timeline
            timeline?.watching()
            let repeats = Mutex(RepeatedAnswers())
            monitor = ProtectionMonitor(endpoints: options.endpoints, transport: transport, configuration: options.monitor,
                                        clock: client.loopClock) { event in
                // A GET starting changes nothing on screen (nor in the record): waking the loop for
                // it would only cost a context switch per poll.
                if case .requestStarted(_, .get, _) = event { return }
                // An answer that repeats the last one only resets an age: the next tick shows it.
                let taken = inbox.post(.monitor(event), wake: !repeats.withLock { $0.isRepeat(event) })
                // Recorded once posted, with the inbox's stamp: a replay takes it in when this loop did.
                timeline?.record(event, takenInAt: taken)
            }
        }
        self.monitor = monitor
        monitor.start()
        if let player = options.scenario { scenarioTasks = ScenarioFeed.start(player, inbox: inbox) }
    }

    /// Runs `effect`; returns the exit status when the effect ends the dashboard.
    func perform(_ effect: DashboardEffect, naming name: (TargetID) -> String = { "#\($0)" }) -> Int32? {
        if let log = options.log { SessionLog.record(effect, name: name, to: log) }
        options.timeline.map { Self.recordAction(effect, in: $0) }
        switch effect {
        case .refresh(let targets): monitor?.refreshNow(targets)
        case .put(let change, let targets), .renew(let change, let targets): monitor?.send(change, to: targets)
        case .setFault(let target, let kind): options.demo?.setFault(kind, target: target, inbox: inbox)
        case .setAgentDown(let down): options.demo?.setAgentDown(down, inbox: inbox)
        case .alert(let target, let alert):
            if options.bell { terminal.bell() }
            options.timeline?.alert(alert, target: target)
        case .applyTheme(let index): terminal.setPalette(options.themes.palette(at: index, for: terminal.colorCapability))
        case .replay(let control): replay?.control(control)
        case .saveHiddenColumns(let names):
            // A small local file, written at once: the menu's next frame says whether it was kept.
            guard let keep = options.keepHiddenColumns else {
                inbox.post(.settingKept("columns changed for this run (it keeps no settings)"))
                break
            }
            do {
                inbox.post(.settingKept(try keep(names)))
            } catch {
                inbox.post(.effectFailed(effect, "columns not kept: \(error)"))
            }
        case .quit: return DashboardSession.quitStatus
        }
        return nil
    }

    /// What the operator asked for, for the timeline (themes and refreshes are not drill events).
    private static func recordAction(_ effect: DashboardEffect, in timeline: MonitorTimelineRecorder) {
        switch effect {
        case .put(let change, let targets):
            timeline.operatorAction(change.enabled ? "protect \(change.expiresInMinutes ?? ProtectionChange.defaultMinutes)m" : "unprotect",
                                    targets: targets)
        case .setFault(let target, let kind): timeline.operatorAction(kind.map { "fault \($0)" } ?? "clear fault", targets: [target])
        case .setAgentDown(let down):
            timeline.operatorAction(down ? "agent down" : "agent up", targets: [])
            timeline.agentAvailability(down: down)
        case .quit: timeline.operatorAction("quit", targets: [])
        case .renew(_, let targets): timeline.keepRenewal(targets: targets)
        case .refresh, .applyTheme, .alert, .replay, .saveHiddenColumns: break
        }
    }

    /// Gives the terminal back first, then winds in-flight requests down (bounded, so a
    /// connection that will not close cannot hold the exit up).
    func stop() {
        terminal.stop()
        options.timeline?.flush()
        for task in scenarioTasks { task.cancel() }
        let monitor = monitor, client = client
        let transports = options.ecsFleet.isEmpty ? [options.ecs?.transport].compactMap { $0 } : options.ecsFleet.map(\.transport)
        BoundedWait.blocking(seconds: 3) {
            await monitor?.stop()
            await client?.shutdown()
            for transport in transports { await transport.shutdown() }
        }
    }
}
