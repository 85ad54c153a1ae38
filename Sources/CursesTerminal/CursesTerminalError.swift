/// Why the terminal could not start.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run without a TTY).
    case notATerminal
    /// ncurses could not set up the terminal, usually an unknown `TERM`.
    case cannotInitialize(termType: String?)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal for the dashboard (use a non-interactive command instead)"
        case .cannotInitialize(let termType):
            "cannot initialise the terminal of type '\(termType ?? "unset")'; check the TERM environment variable"
        }
    }
}
