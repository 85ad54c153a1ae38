/// Something that happened at the terminal.
public enum TerminalInput: Sendable, Equatable {
    /// A decoded key press.
    case key(KeyInput)
    /// The terminal now has this many columns and rows; the next draw repaints everything.
    case resize(width: Int, height: Int)
}
