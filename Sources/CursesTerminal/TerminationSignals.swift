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

/// Handling of every signal whose default action ends the process, for a full-screen program:
/// the handler only records the signal; the main loop sees `pending`, calls
/// `CursesTerminal.stop()` and exits with 128+signal. Left at their default this would leave the
/// terminal on the alternate screen without echo (SIGUSR1, SIGALRM, …), and SIGQUIT would reach
/// the Swift runtime's crash reporter, which paints over the screen and stalls.
///
/// Not handled: faults the process raises itself (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
/// SIGTRAP, SIGSYS), which must reach the crash reporter; SIGKILL and SIGSTOP, which cannot be
/// caught; SIGPIPE, which is ignored so a write to a closed socket or pipe is an error, not an exit.
///
/// Call `install()` before `CursesTerminal.start`: ncurses installs its own handlers (which exit
/// with status 1 and skip the program's cleanup) only for signals still at their default then.
public enum TerminationSignals {
    /// The signals handled: the ones a user can type or send that end a process by default,
    /// including the real-time signals.
    public static let handled: [Int32] = {
        var signals: [Int32] = [
            SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
            SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT,
        ]
        signals += Array(ecs_signal_realtime_min()...ecs_signal_realtime_max())
        return signals
    }()

    /// Installs the handlers and ignores SIGPIPE (idempotent).
    public static func install() {
        WakePipe.prepare()
        _ = ecs_ignore_signal(SIGPIPE)
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
