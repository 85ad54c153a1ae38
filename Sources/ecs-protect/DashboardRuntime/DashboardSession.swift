import CursesTerminal
import Dashboard
import Foundation
import ProtectionCore

/// Runs the dashboard: one loop on the main thread turns keys, ticks, resizes and monitor results
/// into reducer events, carries out the effects, and draws the rendered frame. Network work runs
/// elsewhere and comes back through the ``EventInbox``.
final class DashboardSession {
    struct Options {
        var endpoints: [Endpoint]
        var monitor: MonitorConfiguration
        var readOnly: Bool
        var demo: DemoControls?
        var themes: ThemeCycle
    }

    private let options: Options
    private var themes: ThemeCycle

    init(options: Options) {
        self.options = options
        themes = options.themes
    }

    /// Runs the dashboard and turns a failure to start into a message on the restored terminal.
    func runReportingErrors() throws -> Int32 {
        do {
            return try run()
        } catch let error as CursesTerminalError {
            FileHandle.standardError.write(Data("ecs-protect: \(error)\n".utf8))
            return ExitStatus.noTerminal
        }
    }

    /// Runs until `q`, Ctrl-C or a termination signal; returns the exit status.
    /// The terminal is restored on every path out of here.
    func run() throws -> Int32 {
        TerminationSignals.install()
        let terminal = try CursesTerminal.start(colorEnabled: themes.colorEnabled)
        var network: (monitor: ProtectionMonitor, client: AgentHTTPClient)?
        defer {
            // The operator gets the terminal back first; in-flight requests are wound down after.
            terminal.stop()
            if let network {
                BlockingAsync.runBounded(seconds: 3) { await network.monitor.stop(); await network.client.shutdown() }
            }
        }
        terminal.setPalette(themes.palette(for: terminal.colorCapability))

        let inbox = EventInbox(waker: terminal.waker)
        let client = AgentHTTPClient()
        let monitor = ProtectionMonitor(endpoints: options.endpoints, transport: client, configuration: options.monitor) { event in
            inbox.post(.monitor(event))
        }
        network = (monitor, client)

        let size = terminal.size
        var state = DashboardState(
            endpoints: options.endpoints, now: Date(), width: size.width, height: size.height,
            pollInterval: options.monitor.pollInterval, readOnly: options.readOnly,
            demo: options.demo != nil, faultKinds: options.demo?.faultKinds ?? [])
        for event in options.demo?.initialEvents ?? [] { _ = DashboardReducer.reduce(&state, event) }
        state.status = StatusMessage("theme: \(themes.currentName) — press ? for help")
        monitor.start()
        terminal.draw(DashboardRenderer.render(state))

        var lastTickSecond = Int(Date().timeIntervalSince1970)
        while true {
            if let signal = TerminationSignals.pending { return TerminationSignals.exitStatus(for: signal) }
            if terminal.isInputClosed { return ExitStatus.success }
            let now = Date()
            let untilNextSecond = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
            let input = terminal.nextInput(timeout: .milliseconds(Int64(max(0.01, untilNextSecond) * 1000)))

            var events = inbox.drain()
            switch input {
            case .key(let key): events.append(.key(key))
            case .resize(let width, let height): events.append(.resize(width: width, height: height))
            case nil: break
            }
            let tickNow = Date()
            let second = Int(tickNow.timeIntervalSince1970)
            if second != lastTickSecond || !events.isEmpty {
                lastTickSecond = second
                events.append(.tick(tickNow))
            }
            var quit = false
            for event in events {
                for effect in DashboardReducer.reduce(&state, event) {
                    switch effect {
                    case .refresh(let targets): monitor.refreshNow(targets)
                    case .put(let change, let targets): monitor.send(change, to: targets)
                    case .setFault(let target, let kind): options.demo?.setFault(kind, target: target, inbox: inbox)
                    case .setAgentDown(let down): options.demo?.setAgentDown(down, inbox: inbox)
                    case .cycleTheme:
                        themes.advance()
                        terminal.setPalette(themes.palette(for: terminal.colorCapability))
                        state.status = StatusMessage("theme: \(themes.currentName)")
                    case .quit: quit = true
                    }
                }
            }
            if quit { return ExitStatus.success }
            if input == nil && events.isEmpty { continue }
            terminal.draw(DashboardRenderer.render(state))
        }
    }
}
