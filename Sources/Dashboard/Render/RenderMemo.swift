import TerminalUI

/// Lines of the last frame kept with everything they were drawn from, so the next frame copies
/// them instead of laying them out again when none of it changed.
///
/// Only lines drawn by a pure function of a key are kept, and a line is reused only when the key
/// is equal: a frame drawn with a memo is the frame drawn without one. The header's two lines are
/// kept: their items change with answers, keys and outages, rarely with a countdown's second, yet
/// laying them out (fitting items by priority, measuring widths) cost as much as ten table rows.
/// So are the table's task lines (``TableMemo``), the status line and the key footer, which change
/// with keys and messages only.
public struct RenderMemo: Sendable {
    var title = MemoLine<HeaderView.TitleKey>()
    var info = MemoLine<HeaderView.InfoKey>()
    var table = TableMemo()
    var status = MemoLine<FooterView.StatusLine>()
    var footer = MemoLine<FooterView.KeysKey>()
    /// What the last frame read that the clock can change, when it was a plain task table.
    var timeStep: TimeStepBasis?

    /// An empty memo: the first frame drawn with it lays out every line.
    public init() {}
}

/// One line of a frame and the key it was drawn from.
struct MemoLine<Key: Equatable & Sendable>: Sendable {
    private var key: Key?
    /// The line, as the one row of a frame of its width.
    private var kept = Frame(width: 0, height: 0)

    /// Draws row `y` of `frame` for `key`: from the kept cells when they were drawn for an equal
    /// key on a frame as wide, else with `draw`, keeping what it drew.
    mutating func draw(_ key: Key, row y: Int, into frame: inout Frame, with draw: (inout Frame) -> Void) {
        if self.key == key, kept.width == frame.width {
            frame.copyRow(y, from: kept, row: 0)
            return
        }
        draw(&frame)
        self.key = key
        if kept.width != frame.width { kept = Frame(width: frame.width, height: 1) }
        kept.copyRow(0, from: frame, row: y)
    }
}
