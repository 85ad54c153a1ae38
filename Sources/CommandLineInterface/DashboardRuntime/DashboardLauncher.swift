import OneShotCommands
import CursesTerminal
import DashboardRuntime
import FoundationEssentials

/// Starts a dashboard session on the real terminal: signals first, then ncurses, the session on a
/// thread of its own, and what must be said once the terminal is restored.
enum DashboardLauncher {
    /// Runs the dashboard to its end and returns the exit status.
    static func run(_ options: DashboardSession.Options) async throws -> Int32 {
        try await DashboardSession.onOwnThread { try runHere(options) }
    }

    /// Runs the dashboard on the calling thread; a terminal that cannot be used is one line on
    /// standard error and ``ExitStatus/noTerminal``.
    private static func runHere(_ options: DashboardSession.Options) throws -> Int32 {
        TerminationSignals.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.start(colorEnabled: options.themes.colorEnabled)
        } catch {
            // The error may quote TERM and other settings: through the output boundary.
            StandardError.write("ecs-protect: \(error)")
            return ExitStatus.noTerminal
        }
        let session = DashboardSession(options: options)
        let status = session.run(on: terminal)
        if let state = session.lastState, case let warning = DashboardSession.keptWarning(state), !warning.isEmpty {
            StandardError.write(warning)
        }
        return status
    }
}
