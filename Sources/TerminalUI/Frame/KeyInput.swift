/// A key press, decoded by the terminal backend, as the reducer sees it.
public enum KeyInput: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, delete
    /// Ctrl-C read as a key (when the terminal does not turn it into SIGINT).
    case interrupt
    /// Function key Fn (1-63); F10 quits, as in htop.
    case function(Int)
}
