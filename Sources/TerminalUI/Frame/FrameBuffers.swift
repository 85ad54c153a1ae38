/// The frame shown and the one the next frame is drawn into, used in turn so that drawing a frame
/// allocates nothing: the next frame goes into the cells of the one shown before the current one.
///
/// A step (``step(_:)``) changes a few rows of the frame shown. It starts from a copy of that
/// frame, and the buffers remember which rows of the spare frame can still differ from the one
/// shown (the rows the last step changed), so that copy is those rows, not a whole screen, when
/// steps follow steps.
public struct FrameBuffers: Sendable {
    /// The frame on screen.
    public private(set) var shown: Frame
    /// The spare frame, which the next frame is drawn into.
    private var spare = Frame(width: 0, height: 0)
    /// The rows in which `spare` can differ from `shown`; nil when any can.
    private var spareDiffersIn: [Int]?

    /// Buffers for a screen showing `shown`.
    public init(shown: Frame) {
        self.shown = shown
    }

    /// Draws the next frame by changing the frame shown: `draw` gets a copy of it and returns the
    /// rows it changed, or nil, having changed nothing, when it cannot draw this frame as a step.
    /// With rows, the changed frame becomes the one shown (unless no row changed) and they are
    /// returned; with nil, nothing changes.
    public mutating func step(_ draw: (inout Frame) -> [Int]?) -> [Int]? {
        if let rows = spareDiffersIn, spare.width == shown.width, spare.height == shown.height {
            for y in rows { spare.copyRow(y, from: shown, row: y) }
        } else {
            spare.copyCells(of: shown)
        }
        spareDiffersIn = []
        guard let rows = draw(&spare) else {
            // Should `draw` have changed something after all, the next copy is whole.
            spareDiffersIn = nil
            return nil
        }
        if !rows.isEmpty {
            swap(&shown, &spare)
            spareDiffersIn = rows
        }
        return rows
    }

    /// Draws the next frame whole with `draw` (over whatever the spare frame held) and makes it the
    /// frame shown when it differs from the one shown, or when `always`. Returns whether it did.
    public mutating func drawWhole(always: Bool = false, _ draw: (inout Frame) -> Void) -> Bool {
        draw(&spare)
        guard always || spare != shown else {
            spareDiffersIn = []
            return false
        }
        swap(&shown, &spare)
        spareDiffersIn = nil
        return true
    }
}
