/// Why the terminal could not start.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run without a TTY).
    case notATerminal
    /// ncurses could not set up the terminal, usually an unknown `TERM`.
    case cannotInitialize(termType: String?)
    /// The terminal cannot move the cursor (e.g. `TERM=dumb`), so no screen can be drawn.
    case noCursorAddressing(termType: String?)

    private static let scriptHint = "or use a one-shot command such as `ecs-protect get --json`"

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal for the dashboard (use a non-interactive command instead)"
        case .cannotInitialize(let termType):
            "cannot initialise the terminal of type '\(termType ?? "unset")'; check the TERM environment variable, "
                + Self.scriptHint
        case .noCursorAddressing(let termType):
            "the terminal of type '\(termType ?? "unset")' cannot move the cursor, so the dashboard cannot draw on it; "
                + Self.scriptHint
        }
    }
}
