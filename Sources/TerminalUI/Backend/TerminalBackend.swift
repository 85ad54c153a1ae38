/// What a dashboard needs from a terminal: draw a frame, ring the bell, read the next input, and
/// give the terminal back. The ncurses terminal is one; ``TestBackend`` records frames in memory so
/// a whole session loop runs in a unit test, keys in and frames out.
///
/// A backend is used from one thread, the session's; other threads interrupt ``nextInput(timeout:)``
/// through ``waker``.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// The colours this terminal draws; themes are resolved for it before ``setPalette(_:)``.
    var colorCapability: ColorCapability { get }
    /// Whether the terminal hung up or reached end-of-file: the session should end.
    var isInputClosed: Bool { get }
    /// A termination signal (SIGINT, SIGTERM, SIGHUP…) that arrived and should end the session.
    var pendingTerminationSignal: Int32? { get }
    /// A handle other threads use to make a waiting ``nextInput(timeout:)`` return at once.
    var waker: any InputWaker { get }
    /// Switches colours; the next draw repaints everything.
    func setPalette(_ palette: StylePalette)
    /// Shows `frame`, writing only what changed since the last draw.
    func draw(_ frame: Frame)
    /// Shows `frame`, which differs from the last frame drawn at most in `rows` (the caller changed
    /// only those): only they are compared. A backend may compare every row instead.
    func draw(_ frame: Frame, changedRows rows: [Int])
    /// Rings the bell (or flashes where there is none).
    func bell()
    /// Waits up to `timeout` for a key or a resize; nil on timeout, a wake-up, a signal or closed input.
    func nextInput(timeout: Duration) -> TerminalInput?
    /// Gives the terminal back. Idempotent.
    func stop()
}

extension TerminalBackend {
    /// Compares every row: right whatever `rows` says.
    public func draw(_ frame: Frame, changedRows rows: [Int]) { draw(frame) }
}

/// Interrupts a terminal's input wait from any thread.
public protocol InputWaker: Sendable {
    /// Makes a pending or the next input wait return immediately.
    func wake()
}
