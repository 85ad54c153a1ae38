import FoundationEssentials
import TerminalUI

/// The task lines of the table's last frame, each kept with what it was drawn from and the span of
/// time over which its texts hold, so the next frame copies a line instead of working its texts out
/// again (a countdown, a clock time, two or three ages: the larger part of a frame at 1,000 tasks).
///
/// A line is reused only when its ``LineKey`` is equal, the table's ``Context`` is the same and the
/// clock is inside the span: a frame drawn with the memo is the frame drawn without one. Most rows
/// change once a second or less, while the session wakes several times a second for the
/// countdowns of other rows.
struct TableMemo: Sendable {
    /// What every line of the table is laid out with.
    struct Context: Equatable, Sendable {
        let columns: TableColumns
        let timeZone: LocalTimeOffsets
        let width: Int
    }

    /// What one task line shows besides the clock's reading: the row itself, the marks beside it,
    /// and the states that the clock and the rest of the dashboard decide for it. Each is cheap to
    /// work out; the texts they select are not.
    struct LineKey: Equatable, Sendable {
        /// Compared as the same version (``TaskRow/isSameVersion(as:)``): kept here, the row's
        /// storage cannot be changed in place or freed and reused for another row while the memo
        /// holds it, so the same storage means the same fields.
        let row: TaskRow
        let selected: Bool
        let marked: Bool
        let keepMark: Character?
        let flashing: Bool
        let display: TaskDisplayState
        let protection: TaskDisplayState
        /// Whether the row is stale. Whether a protected task was stopped by the scheduler needs
        /// no field: besides the row, it depends only on the protection not having lapsed.
        let stale: Bool
        let implausibleExpiration: Bool

        static func == (lhs: LineKey, rhs: LineKey) -> Bool {
            lhs.row.isSameVersion(as: rhs.row) && lhs.selected == rhs.selected && lhs.marked == rhs.marked
                && lhs.keepMark == rhs.keepMark && lhs.flashing == rhs.flashing && lhs.display == rhs.display
                && lhs.protection == rhs.protection && lhs.stale == rhs.stale
                && lhs.implausibleExpiration == rhs.implausibleExpiration
        }
    }

    private struct Line: Sendable {
        let key: LineKey
        /// The clock's reading when the line was drawn, and the first instant after it at which
        /// one of its texts reads otherwise: the texts are the same anywhere in between.
        let drawnAt: Date
        let holdsUntil: Date
    }

    /// The column headings, which depend on the columns alone.
    var headings = MemoLine<TableColumns>()
    private var context: Context?
    private var lines: [Line?] = []
    /// The kept lines' cells, line `index` in row `index`: one block, so keeping a line and
    /// copying it back allocate nothing.
    private var kept = Frame(width: 0, height: 0)
    /// How many lines the last frame copied: what the memo saved, for tests and measurements.
    private(set) var linesReused = 0

    /// Starts a frame of `height` table lines laid out with `context`: lines kept for another
    /// layout are dropped.
    mutating func begin(_ context: Context, height: Int) {
        if self.context != context || lines.count != max(0, height) {
            self.context = context
            lines = Array(repeating: nil, count: max(0, height))
        }
        if kept.width != context.width || kept.height != lines.count { kept = Frame(width: context.width, height: lines.count) }
        linesReused = 0
    }

    /// Table line `index` shows no task (a group's heading, or nothing): nothing is kept for it.
    mutating func forget(_ index: Int) {
        if lines.indices.contains(index) { lines[index] = nil }
    }

    /// Draws table line `index`, at row `y` of `frame`, for `key` at the clock's reading `now`:
    /// from the kept cells when they were drawn for an equal key and `now` is within their span,
    /// else with `draw`, keeping what it drew until `holdsUntil()`.
    mutating func draw(_ index: Int, key: LineKey, now: Date, row y: Int, into frame: inout Frame,
                       holdsUntil: () -> Date, with draw: (inout Frame) -> Void) {
        guard lines.indices.contains(index) else {
            draw(&frame)
            return
        }
        if holds(index, key: key, now: now), kept.width == frame.width {
            frame.copyRow(y, from: kept, row: index)
            linesReused += 1
            return
        }
        draw(&frame)
        keep(index, key: key, now: now, holdsUntil: holdsUntil(), row: y, of: frame)
    }

    /// Whether the line kept for `index` was drawn for `key` and its texts still read the same at `now`.
    func holds(_ index: Int, key: LineKey, now: Date) -> Bool {
        guard lines.indices.contains(index), let line = lines[index] else { return false }
        return line.key == key && line.drawnAt <= now && now < line.holdsUntil
    }

    /// Keeps row `y` of `frame` as line `index`, drawn for `key` at `now`, its texts the same until `holdsUntil`.
    mutating func keep(_ index: Int, key: LineKey, now: Date, holdsUntil: Date, row y: Int, of frame: Frame) {
        guard lines.indices.contains(index) else { return }
        lines[index] = Line(key: key, drawnAt: now, holdsUntil: holdsUntil)
        kept.copyRow(index, from: frame, row: y)
    }

    /// Whether the last frame's lines were laid out with `context` on a table `height` lines tall.
    func wasLaidOut(with context: Context, height: Int) -> Bool {
        self.context == context && lines.count == max(0, height) && kept.width == context.width
    }
}
