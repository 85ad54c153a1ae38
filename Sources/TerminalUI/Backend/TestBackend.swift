import Dispatch
import Synchronization

/// A terminal in memory: records every frame drawn, bell and palette, and serves keys, resizes,
/// signals and hang-ups a test queues. A session loop runs against it on its own thread exactly as
/// against ncurses, so a test drives the real loop (keys in, frames out) without a terminal.
public final class TestBackend: TerminalBackend, Sendable {
    private struct Recorded {
        var size: (width: Int, height: Int)
        var inputs: [TerminalInput] = []
        var frames: [Frame] = []
        var cellsWritten: [Int] = []
        var palettes: [StylePalette] = []
        var bells = 0
        var waits = 0
        var signal: Int32?
        var inputClosed = false
        var stopped = false
        var drawsAfterStop = 0
        var partialDraws = 0
        var partialDrawMisses = 0
    }

    private let recorded: Mutex<Recorded>
    /// Signalled when input is queued or the waker fires: the session's wait ends.
    private let inputReady = DispatchSemaphore(value: 0)
    /// Signalled after every draw and at stop: a test waiting for a screen looks again.
    private let drawn = DispatchSemaphore(value: 0)
    public let colorCapability: ColorCapability

    /// A terminal of `width` by `height` that draws colours of `colorCapability`.
    public init(width: Int = 120, height: Int = 40, colorCapability: ColorCapability = .indexed256) {
        recorded = Mutex(Recorded(size: (width, height)))
        self.colorCapability = colorCapability
    }

    // MARK: - TerminalBackend

    public var size: (width: Int, height: Int) { recorded.withLock { $0.size } }
    public var isInputClosed: Bool { recorded.withLock { $0.inputClosed && $0.inputs.isEmpty } }
    public var pendingTerminationSignal: Int32? { recorded.withLock { $0.signal } }
    public var waker: any InputWaker { SemaphoreWaker(semaphore: inputReady) }

    public func setPalette(_ palette: StylePalette) {
        recorded.withLock { $0.palettes.append(palette) }
    }

    public func draw(_ frame: Frame) {
        recorded.withLock { state in
            guard !state.stopped else {
                state.drawsAfterStop += 1
                return
            }
            state.cellsWritten.append(FrameDiff.changedCells(from: state.frames.last, to: frame).count)
            state.frames.append(frame)
        }
        drawn.signal()
    }

    /// Records `frame` as ``draw(_:)`` does, and checks the caller's claim: a row outside `rows`
    /// that differs from the last frame counts in ``partialDrawMisses`` (a terminal that compares
    /// only `rows` would have left it wrong on screen).
    public func draw(_ frame: Frame, changedRows rows: [Int]) {
        recorded.withLock { state in
            guard !state.stopped, let previous = state.frames.last else { return }
            state.partialDraws += 1
            if FrameDiff.changedCells(from: previous, to: frame, inRows: rows) != FrameDiff.changedCells(from: previous, to: frame) {
                state.partialDrawMisses += 1
            }
        }
        draw(frame)
    }

    public func bell() { recorded.withLock { $0.bells += 1 } }

    public func nextInput(timeout: Duration) -> TerminalInput? {
        if let input = takeInput() { return input }
        if isInputClosed || pendingTerminationSignal != nil { return nil }
        let nanoseconds = max(0, timeout.components.seconds) * 1_000_000_000 + max(0, timeout.components.attoseconds / 1_000_000_000)
        _ = inputReady.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int32.max)))))
        return takeInput()
    }

    public func stop() {
        recorded.withLock { $0.stopped = true }
        drawn.signal()
    }

    // MARK: - Driving it from a test

    /// Queues a key press.
    public func press(_ key: KeyInput) { queue(.key(key)) }

    /// Queues key presses for each character of `text`, in order.
    public func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// Changes the size and queues the resize the terminal would report.
    public func resize(width: Int, height: Int) {
        recorded.withLock { $0.size = (width, height) }
        queue(.resize(width: width, height: height))
    }

    /// Delivers a termination signal, as SIGINT or SIGTERM would arrive.
    public func deliverSignal(_ signal: Int32) {
        recorded.withLock { $0.signal = signal }
        inputReady.signal()
    }

    /// Closes the input, as a terminal that hung up does, once queued input is read.
    public func closeInput() {
        recorded.withLock { $0.inputClosed = true }
        inputReady.signal()
    }

    // MARK: - What was recorded

    /// The frame on screen now, if any was drawn.
    public var screen: Frame? { recorded.withLock { $0.frames.last } }
    /// Every frame drawn, in order.
    public var frames: [Frame] { recorded.withLock { $0.frames } }
    /// How many draws said which rows changed (``draw(_:changedRows:)``).
    public var partialDraws: Int { recorded.withLock { $0.partialDraws } }
    /// How many of them left out a row that changed.
    public var partialDrawMisses: Int { recorded.withLock { $0.partialDrawMisses } }
    /// How many cells each draw had to write: what a real terminal would be sent.
    public var cellsWrittenPerDraw: [Int] { recorded.withLock { $0.cellsWritten } }
    /// Palettes applied, in order.
    public var palettes: [StylePalette] { recorded.withLock { $0.palettes } }
    /// How many times the bell rang.
    public var bells: Int { recorded.withLock { $0.bells } }
    /// Whether the terminal was given back.
    public var isStopped: Bool { recorded.withLock { $0.stopped } }
    /// Draws attempted after the terminal was given back (a teardown bug when non-zero).
    public var drawsAfterStop: Int { recorded.withLock { $0.drawsAfterStop } }
    /// Keys and resizes queued but not yet read.
    public var unreadInput: Int { recorded.withLock { $0.inputs.count } }

    /// Waits until the screen satisfies `condition` (checked on every draw), for at most `timeout`;
    /// returns the matching frame, or nil when none came in time or the terminal was given back.
    public func waitForScreen(timeout: Duration = .seconds(10), _ condition: (Frame) -> Bool) -> Frame? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let frame = screen, condition(frame) { return frame }
            if isStopped { return nil }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return nil }
            let milliseconds = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            _ = drawn.wait(timeout: .now() + .milliseconds(max(1, min(milliseconds, 100))))
        }
    }

    /// Waits until the screen's text contains `text` anywhere.
    public func waitForText(_ text: String, timeout: Duration = .seconds(10)) -> Frame? {
        waitForScreen(timeout: timeout) { frame in frame.textLines.contains { $0.contains(text) } }
    }

    private func queue(_ input: TerminalInput) {
        recorded.withLock { $0.inputs.append(input) }
        inputReady.signal()
    }

    private func takeInput() -> TerminalInput? {
        recorded.withLock { state in state.inputs.isEmpty ? nil : state.inputs.removeFirst() }
    }
}

/// Ends a ``TestBackend``'s input wait.
private struct SemaphoreWaker: InputWaker {
    let semaphore: DispatchSemaphore
    func wake() { semaphore.signal() }
}
