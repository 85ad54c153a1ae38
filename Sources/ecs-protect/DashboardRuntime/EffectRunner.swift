import AWSAccess
import CursesTerminal
import Dashboard
import ProtectionCore

/// Carries out the reducer's effects: requests through the monitor, faults through the demo
/// simulator, themes on the terminal. What comes back arrives later as events in the inbox.
final class EffectRunner {
    private let options: DashboardSession.Options
    private let terminal: CursesTerminal
    private let inbox: EventInbox
    private let client: AgentHTTPClient
    private let monitor: any TaskSource

    init(options: DashboardSession.Options, terminal: CursesTerminal, inbox: EventInbox) {
        self.options = options
        self.terminal = terminal
        self.inbox = inbox
        client = AgentHTTPClient(configuration: .init(
            maximumConnectionsPerHost: AgentHTTPClient.Configuration.connectionLimit(forTargets: options.endpoints.count)))
        if let ecs = options.ecs {
            monitor = ECSTaskMonitor(client: ecs.client, selection: ecs.selection, configuration: ecs.configuration) { event in
                inbox.post(.source(event))
            }
        } else {
            let transport: any ProtectionTransport
            if let log = options.log { transport = LoggedTransport(base: client, logger: log) } else { transport = client }
            monitor = ProtectionMonitor(endpoints: options.endpoints, transport: transport, configuration: options.monitor) { event in
                inbox.post(.monitor(event))
            }
        }
    }

    /// Applies the first theme and starts polling.
    func start(themeIndex: Int) {
        _ = perform(.applyTheme(themeIndex))
        monitor.start()
    }

    /// Runs `effect`; returns the exit status when the effect ends the dashboard.
    func perform(_ effect: DashboardEffect) -> Int32? {
        if let log = options.log { SessionLog.record(effect, endpoints: options.endpoints, to: log) }
        switch effect {
        case .refresh(let targets): monitor.refreshNow(targets)
        case .put(let change, let targets): monitor.send(change, to: targets)
        case .setFault(let target, let kind): options.demo?.setFault(kind, target: target, inbox: inbox)
        case .setAgentDown(let down): options.demo?.setAgentDown(down, inbox: inbox)
        case .applyTheme(let index): terminal.setPalette(options.themes.palette(at: index, for: terminal.colorCapability))
        case .quit: return ExitStatus.success
        }
        return nil
    }

    /// Gives the terminal back first, then winds in-flight requests down (bounded, so a
    /// connection that will not close cannot hold the exit up).
    func stop() {
        terminal.stop()
        let monitor = monitor, client = client, transport = options.ecs?.transport
        BoundedWait.blocking(seconds: 3) {
            await monitor.stop()
            await client.shutdown()
            await transport?.shutdown()
        }
    }
}
