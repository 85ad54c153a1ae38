import OneShotCommands
import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard needs a terminal on both ends; scripts get a pointer to the one-shot commands.
enum TerminalRequirement {
    static func check() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardError.write("""
            ecs-protect: the dashboard needs a terminal (standard input and output must be a TTY).
            For scripts, use the one-shot commands, e.g. `ecs-protect get --json`.
            """)
            throw ExitCode(ExitStatus.noTerminal)
        }
    }
}
