#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalSupport
import TerminalUI
import Synchronization

/// Whether an ncurses screen is active, for the `atexit` handler that restores the terminal when
/// the program exits without calling `stop()`.
private let cursesActive = Atomic<Bool>(false)

private func restoreTerminalAtExit() {
    if cursesActive.exchange(false, ordering: .acquiringAndReleasing) { endwin() }
}

private let atExitRegistration: Void = { atexit(restoreTerminalAtExit) }()

/// Set by the SIGWINCH handler; the input wait then re-reads the size.
let resizeSignalled = Atomic<Bool>(false)

private func recordResizeSignal(_: Int32) {
    resizeSignalled.store(true, ordering: .relaxed)
    WakePipe.signalSafeWake()
}

/// The ncurses backend: draws `Frame`s, changing only the cells that differ from the last frame,
/// and reads keys and resizes. ncurses sets the terminal up, reads keys and gives the terminal
/// back; frames are encoded here (``FrameEncoder``) and go out in one write each, with the
/// terminal's attributes kept between frames instead of reset after every update. Use it from the main thread only; other threads interrupt
/// `nextInput` through a `TerminalWaker`.
public final class CursesTerminal: TerminalBackend {
    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    /// What the terminal shows, kept in an off-screen pad that ncurses never draws (reading it
    /// back is how tests see the screen); the standard window stays blank and untouched, so the
    /// key reads never refresh it over our output.
    let mirror: UnsafeMutablePointer<WINDOW>
    var encoder: FrameEncoder
    let inputDescriptor: Int32
    let outputDescriptor: Int32
    var palette: StylePalette = [:]
    var colorPlan: ColorPlan?
    var attributesByRole: [StyleRole: attr_t] = [:]
    var previousFrame: Frame?
    var needsFullRepaint = true
    /// Whether ``mirror`` holds the last frame drawn.
    var mirrorIsCurrent = true
    var stopped = false
    /// The size last reported (or found at start), to report each resize once.
    var reportedSize: (width: Int, height: Int) = (0, 0)
    let defaultColors: Bool

    /// The colours this terminal draws, decided at start from curses' colour count; `.none` when
    /// colour is switched off, `NO_COLOR` is set (see `start`) or the terminal has no colour.
    /// Resolve the theme for it (`Theme.palette(for:)`) before `setPalette`.
    public let colorCapability: ColorCapability

    /// Whether the terminal hung up or reached end-of-file (POLLHUP/POLLERR, or readable with
    /// nothing to read); `nextInput` then returns nil at once, so the caller should shut down.
    public internal(set) var isInputClosed = false
    /// Set when `poll` last reported the input readable; cleared once ncurses has read.
    var pollReportedInput = false
    /// Whether ncurses may hold keys `poll` cannot see: it reads ahead into a queue of its own
    /// (keys typed together, half an escape sequence, the KEY_RESIZE a resize queues). Asking it
    /// costs a `poll` of its own, so an idle wait asks only while this is set or `poll` said readable.
    var mayHoldInput = true
    /// Consecutive passes where `poll` said readable and there was nothing to read.
    var readableButEmpty = 0
    static let readableButEmptyLimit = 3
    /// How many times the input wait has called `poll` (tests check that nothing spins).
    package internal(set) var pollCount = 0
    /// How many times the input wait has asked ncurses for a key (tests check an idle wait does not).
    package internal(set) var keyReadCount = 0

    /// Takes over the controlling terminal (standard input and output).
    ///
    /// Colour is used when `colorEnabled` is true and the terminal has colours. The caller decides
    /// `colorEnabled` (`NO_COLOR`, `--no-color`) with `ColorCapability.detect`, the one place that
    /// rule lives. Call `TerminationSignals.install()` first.
    public static func start(colorEnabled: Bool) throws -> CursesTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CursesTerminalError.notATerminal
        }
        return try CursesTerminal(
            input: ecs_stdin(), output: ecs_stdout(), termType: nil,
            colorEnabled: colorEnabled)
    }

    /// Takes over the terminal behind `input`/`output` (tests pass a pseudo-terminal), with the
    /// terminfo entry `termType` (nil = `$TERM`). Same drawing and input path as `start`, except
    /// that it does not insist on a TTY.
    package init(
        input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
        termType: String?, colorEnabled: Bool
    ) throws {
        _ = atExitRegistration
        WakePipe.prepare()
        // Our own SIGWINCH handler, installed before newterm so ncurses does not install its own:
        // it wakes the input wait through the pipe even when another thread takes the signal.
        _ = ecs_install_signal_handler(SIGWINCH, recordResizeSignal)
        _ = ecs_setup_locale()
        let created: OpaquePointer? = termType.map { newterm($0, output, input) } ?? newterm(nil, output, input)
        // newterm makes the new screen current, so stdscr is now its window.
        guard let created, let window = ecs_stdscr() else {
            throw CursesTerminalError.cannotInitialize(termType: termType ?? Self.environmentTerm)
        }
        // Without cursor addressing (TERM=dumb and the like) nothing can be drawn in place.
        guard ecs_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(created)
            throw CursesTerminalError.noCursorAddressing(termType: termType ?? Self.environmentTerm)
        }
        guard let pad = newpad(max(1, getmaxy(window)), max(1, getmaxx(window))) else {
            endwin()
            delscreen(created)
            throw CursesTerminalError.cannotInitialize(termType: termType ?? Self.environmentTerm)
        }
        screen = created
        self.window = window
        mirror = pad
        // Replaced once the terminal's modes are set below (a line feed's meaning depends on them).
        encoder = FrameEncoder(control: TerminfoControl.current(lineFeedMovesDown: false))
        inputDescriptor = fileno(input)
        outputDescriptor = fileno(output)
        cursesActive.store(true, ordering: .releasing)

        _ = cbreak()
        _ = noecho()
        _ = nonl()
        encoder = FrameEncoder(control: TerminfoControl.current(lineFeedMovesDown: Self.lineFeedMovesDown(on: outputDescriptor)))
        _ = keypad(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        // No typeahead check while drawing: ncurses would flush and poll the input twice per
        // update to abandon it for a pending key, and our frames are small enough to finish.
        _ = typeahead(-1)
        wtimeout(window, 0)

        if colorEnabled, has_colors(), start_color() == OK {
            defaultColors = use_default_colors() == OK
            colorCapability = ColorCapability.fromColorCount(Int(ecs_colors()))
        } else {
            defaultColors = false
            colorCapability = .none
        }
        reportedSize = (Int(getmaxx(window)), Int(getmaxy(window)))
        applyPalette()
        // ncurses' one update: the alternate screen, cleared. Frames are written by us from here.
        _ = wrefresh(window)
    }

    deinit { stop() }

    /// Columns and rows of the terminal.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// A handle other threads use to interrupt `nextInput`.
    public var waker: any InputWaker { TerminalWaker() }

    /// The termination signal that arrived, if any (``TerminationSignals``).
    public var pendingTerminationSignal: Int32? { TerminationSignals.pending }

    /// Switches the theme: colour pairs are set up again and the next draw repaints everything.
    /// Styles should be resolved for `colorCapability`; with `.none` only their attributes are used.
    public func setPalette(_ palette: StylePalette) {
        self.palette = palette
        applyPalette()
        requestFullRepaint()
    }

    /// Draws `frame` in one write, sending only cells that changed since the last draw (all of
    /// them after a resize or palette change). Cells beyond the terminal's edge are clipped.
    public func draw(_ frame: Frame) {
        draw(frame, changes: FrameDiff.changedCells(from: needsFullRepaint ? nil : previousFrame, to: frame))
    }

    /// Compares only `rows` with the last frame, unless the whole screen must be written anyway.
    public func draw(_ frame: Frame, changedRows rows: [Int]) {
        guard !needsFullRepaint, let previousFrame else { return draw(frame) }
        draw(frame, changes: FrameDiff.changedCells(from: previousFrame, to: frame, inRows: rows))
    }

    private func draw(_ frame: Frame, changes: [FrameDiff.Position]) {
        guard !stopped else { return }
        let fullRepaint = needsFullRepaint
        let (width, height) = size
        // The mirror is written when it is read (``syncMirror()``), not at every frame.
        mirrorIsCurrent = false
        writeToTerminal(encoder.encode(changes, of: frame, width: width, height: height, clearFirst: fullRepaint,
                                       previous: fullRepaint ? nil : previousFrame))
        previousFrame = frame
        needsFullRepaint = false
    }

    /// Rings the terminal's bell (or flashes the screen where the terminal has no bell).
    public func bell() {
        guard !stopped else { return }
        beep()
    }

    /// Waits up to `timeout` for a key or a resize. Returns nil on timeout, on a `wake()`, when a
    /// termination signal arrived (see `TerminationSignals.pending`), or when input is closed.
    public func nextInput(timeout: Duration) -> TerminalInput? {
        if case .input(let input) = waitForInput(timeout: timeout) { return input }
        return nil
    }

    /// Restores the terminal. Idempotent; also run by `deinit` and at process exit.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // Attributes off, and the cursor where ncurses last put it (home), so its closing moves
        // start from where it thinks they do.
        writeToTerminal(encoder.resetBytes() + encoder.control.moveTo(0, 0))
        if cursesActive.exchange(false, ordering: .acquiringAndReleasing) { endwin() }
        delwin(mirror)
        delscreen(screen)
    }

    /// What the terminal shows, as ncurses cells (see ``mirror``).
    var screenWindow: UnsafeMutablePointer<WINDOW> { mirror }

    /// The pair number of every role under the current palette.
    var currentPairs: [StyleRole: Int32] { colorPlan?.pairByRole ?? [:] }

    /// Whether `stop()` has run.
    public var isStopped: Bool { stopped }

    // MARK: - Helpers

    private static var environmentTerm: String? { getenv("TERM").map { String(cString: $0) } }

    /// Whether the terminal driver passes a line feed written to `descriptor` through unchanged
    /// (no output processing, or no newline-to-CR-LF mapping): `nonl()` sets this up.
    static func lineFeedMovesDown(on descriptor: Int32) -> Bool {
        var modes = termios()
        guard tcgetattr(descriptor, &modes) == 0 else { return false }
        return modes.c_oflag & tcflag_t(OPOST) == 0 || modes.c_oflag & tcflag_t(ONLCR) == 0
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, total))
    }
}
