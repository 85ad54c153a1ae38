#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CTerminalSupport
import Synchronization

/// The last termination signal received (0 = none). A global so the C signal handler can reach it.
private let pendingTerminationSignal = Atomic<Int32>(0)

/// Stores the signal and wakes the input wait; nothing else is async-signal-safe enough to do here.
private func recordTerminationSignal(_ signal: Int32) {
    pendingTerminationSignal.store(signal, ordering: .relaxed)
    WakePipe.signalSafeWake()
}

/// SIGINT, SIGTERM and SIGHUP handling for a full-screen program: the handler only records the
/// signal; the main loop sees `pending`, calls `CursesTerminal.stop()` and exits with 128+signal.
///
/// Call `install()` before `CursesTerminal.start`: ncurses installs its own handlers (which exit
/// with status 1 and skip the program's cleanup) only for signals still at their default then.
public enum TerminationSignals {
    /// The signals handled.
    public static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers (idempotent).
    public static func install() {
        WakePipe.prepare()
        for signal in handled { _ = ecs_install_signal_handler(signal, recordTerminationSignal) }
    }

    /// The termination signal received, if any.
    public static var pending: Int32? {
        let signal = pendingTerminationSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// The conventional exit status for a program ended by `signal`.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// Forgets a received signal (tests).
    package static func clearPending() { pendingTerminationSignal.store(0, ordering: .relaxed) }

    /// Restores the default dispositions (tests).
    package static func uninstall() {
        for signal in handled { _ = ecs_reset_signal_handler(signal) }
    }
}
