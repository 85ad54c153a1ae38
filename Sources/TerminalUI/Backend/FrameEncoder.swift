/// Turns the cells that changed between two frames into the bytes a terminal needs, so a frame
/// goes out in one write: the shortest cursor move the terminal offers (or the unchanged cells in
/// between, when rewriting them is shorter), and colours and attributes only when they differ from
/// what the terminal already has. The terminal keeps its attributes between frames; the encoder
/// remembers them, and where the cursor is, until ``forgetTerminalState()``.
public struct FrameEncoder {
    /// The terminal's sequences.
    public let control: TerminalControl
    private var renditions: [StyleRole: Rendition] = [:]
    /// Each rendition in ANSI terms, when the terminal speaks them (``GraphicRendition``).
    private var graphicForms: [Rendition: GraphicRendition] = [:]
    private let speaksANSI: Bool
    /// Where the cursor is; nil when unknown (at start, after a write into the last column).
    private var cursor: (x: Int, y: Int)?
    /// The terminal's current colours and attributes; nil when unknown.
    private var current: Rendition?
    private var output: [UInt8] = []
    /// The ANSI sequence between two renditions, and the shortest cursor move (filler aside)
    /// between two places, as worked out before: an idle frame makes the same few of each at
    /// every wake-up, and working one out builds several arrays and sets. Shared by reference
    /// with the copy that tries the other order of a frame, so neither copies the tables.
    private var known = KnownSequences()

    private final class KnownSequences {
        var changes: [RenditionChange: [UInt8]] = [:]
        var moves: [CursorMove: [UInt8]] = [:]
    }

    private struct RenditionChange: Hashable {
        var from: Rendition?
        var to: Rendition
    }

    private struct CursorMove: Hashable {
        var fromX: Int32, fromY: Int32, toX: Int32, toY: Int32
    }

    /// Moves remembered at most before starting again.
    static let knownMoveLimit = 4096

    public init(control: TerminalControl) {
        self.control = control
        speaksANSI = GraphicRendition.isPlainReset(control.resetAttributes)
        setRenditions([:])
    }

    /// How each role looks from now on.
    public mutating func setRenditions(_ renditions: [StyleRole: Rendition]) {
        self.renditions = renditions
        graphicForms = [:]
        // A table of its own: a copy made before keeps the sequences of the renditions it has.
        known = KnownSequences()
        guard speaksANSI else { return }
        for rendition in Array(renditions.values) + [.plain] {
            guard let form = GraphicRendition(rendition) else {
                // One sequence the ANSI form cannot read: use terminfo's for every role.
                graphicForms = [:]
                return
            }
            graphicForms[rendition] = form
        }
    }

    /// Someone else wrote to the terminal: assume nothing about its cursor or attributes.
    public mutating func forgetTerminalState() {
        cursor = nil
        current = nil
    }

    /// The bytes that put `changes` of `frame` on a `width`×`height` terminal. `changes` lists
    /// positions row by row, left to right (``FrameDiff/changedCells(from:to:)``); with
    /// `clearFirst` the screen is cleared first and blank default cells are not written.
    ///
    /// The cells go out row by row, or grouped by rendition when that is shorter: an idle frame
    /// changes a digit here and there in two or three columns of different colours, and row order
    /// would switch colours at nearly every cell. Grouping needs the frame the terminal shows
    /// (`previous`, or a cleared screen): a cell written over half of a wide character blanks the
    /// other half, so where a wide character comes or goes the row order is kept.
    public mutating func encode(_ changes: [FrameDiff.Position], of frame: Frame, width: Int, height: Int,
                                clearFirst: Bool, previous: Frame? = nil) -> [UInt8] {
        output.removeAll(keepingCapacity: true)
        if clearFirst {
            // A clear fills with the current background on many terminals: reset first.
            if current != .plain { append(control.resetAttributes) }
            append(control.clear)
            current = .plain
            cursor = (0, 0)
        }
        let cells = changes.filter { position in
            guard position.x < width, position.y < height else { return false }
            if control.bottomRightScrolls, position.x == width - 1, position.y == height - 1 { return false }
            return !clearFirst || frame[position.x, position.y].text != " " || rendition(of: frame[position.x, position.y]) != .plain
        }
        // Large updates (a first frame, a new view) go in row order: their runs are long anyway,
        // and encoding them twice would only delay them.
        let regroupable = cells.count <= Self.regroupLimit
            && (clearFirst || previous.map { Self.onlyNarrowCells(cells, of: frame, previous: $0) } ?? false)
        let grouped = regroupable ? groupedByRendition(cells, of: frame) : cells
        guard grouped != cells else {
            write(cells, of: frame, width: width)
            return output
        }
        // Both orders from the same terminal state; the shorter one is kept, with where it leaves
        // the cursor and the attributes.
        var alternative = self
        alternative.write(grouped, of: frame, width: width)
        write(cells, of: frame, width: width)
        if alternative.output.count < output.count { self = alternative }
        return output
    }

    /// The most changed cells an update may have for the grouped order to be tried.
    static let regroupLimit = 256

    /// `cells` grouped by rendition, the terminal's current one first, then in order of first
    /// appearance; row order within a group.
    private func groupedByRendition(_ cells: [FrameDiff.Position], of frame: Frame) -> [FrameDiff.Position] {
        var groups: [(rendition: Rendition, cells: [FrameDiff.Position])] = []
        for position in cells {
            let rendition = rendition(of: frame[position.x, position.y])
            if let index = groups.firstIndex(where: { $0.rendition == rendition }) {
                groups[index].cells.append(position)
            } else {
                groups.append((rendition, [position]))
            }
        }
        if let current, let index = groups.firstIndex(where: { $0.rendition == current }), index > 0 {
            groups.insert(groups.remove(at: index), at: 0)
        }
        return groups.flatMap(\.cells)
    }

    /// Whether every cell at `cells` is one column wide, before and after: then no write can blank
    /// a neighbour, and the cells may go out in any order.
    private static func onlyNarrowCells(_ cells: [FrameDiff.Position], of frame: Frame, previous: Frame) -> Bool {
        guard previous.width == frame.width, previous.height == frame.height else { return false }
        func narrow(_ cell: Cell) -> Bool {
            cell.printableASCIIByte != nil || (!cell.isContinuation && DisplayWidth.of(cell.text) <= 1)
        }
        return cells.allSatisfy { narrow(frame[$0.x, $0.y]) && narrow(previous[$0.x, $0.y]) }
    }

    private func rendition(of cell: Cell) -> Rendition { renditions[cell.role] ?? .plain }

    /// Writes `cells` of `frame` in the order given.
    private mutating func write(_ cells: [FrameDiff.Position], of frame: Frame, width: Int) {
        for position in cells {
            let cell = frame[position.x, position.y]
            // A wide character in the last column would wrap; show a blank there instead.
            let columns = cell.printableASCIIByte != nil ? 1 : DisplayWidth.of(cell.text)
            let clipped = columns > 1 && position.x + 1 >= width
            move(to: position, in: frame, width: width)
            switchRendition(to: rendition(of: cell))
            if clipped {
                output.append(0x20)
            } else if let byte = cell.printableASCIIByte {
                // Most cells: the one byte glyph(_:utf8:) would give, without building an array.
                output.append(byte)
            } else {
                append(Self.glyph(cell.text, utf8: control.utf8))
            }
            let next = position.x + (clipped ? 1 : max(1, columns))
            // After the last column the cursor waits to wrap: where it is depends on the terminal.
            cursor = next < width ? (next, position.y) : nil
        }
    }

    /// The bytes that leave the terminal's attributes as a reset terminal has them (before giving
    /// the terminal back); empty when they already are.
    public mutating func resetBytes() -> [UInt8] {
        guard current != .plain else { return [] }
        current = .plain
        return control.resetAttributes
    }

    // MARK: - Cursor

    private mutating func move(to target: FrameDiff.Position, in frame: Frame, width: Int) {
        guard let from = cursor else {
            append(control.moveTo(target.x, target.y))
            return
        }
        if from.x == target.x, from.y == target.y { return }
        var best = cursorMove(from: from, to: target)
        if from.y == target.y, let filler = unchangedCells(from: from.x, to: target.x, row: target.y, in: frame),
           filler.count <= best.count {
            best = filler
        }
        append(best)
    }

    /// The shortest of the terminal's own moves from `from` to `target`.
    private mutating func cursorMove(from: (x: Int, y: Int), to target: FrameDiff.Position) -> [UInt8] {
        let key = CursorMove(fromX: Int32(truncatingIfNeeded: from.x), fromY: Int32(truncatingIfNeeded: from.y),
                             toX: Int32(truncatingIfNeeded: target.x), toY: Int32(truncatingIfNeeded: target.y))
        if let move = known.moves[key] { return move }
        var best = control.moveTo(target.x, target.y)
        let vertical = from.y == target.y ? [] : verticalMove(from: from.y, to: target.y)
        let horizontal = from.x == target.x ? [] : horizontalMove(from: from.x, to: target.x)
        if let vertical, let horizontal, vertical.count + horizontal.count < best.count {
            best = vertical + horizontal
        }
        if known.moves.count >= Self.knownMoveLimit { known.moves.removeAll(keepingCapacity: true) }
        known.moves[key] = best
        return best
    }

    // The candidates are weighed one by one, the first of the shortest kept, without gathering
    // them in arrays: the moves of an idle frame are most of what encoding it costs.
    private func verticalMove(from: Int, to: Int) -> [UInt8]? {
        var best = control.row?(to)
        Self.keepShorter(to > from ? control.down?(to - from) : control.up?(from - to), in: &best)
        Self.keepShorter(Self.repeated(to > from ? control.downOne : control.upOne, abs(to - from)), in: &best)
        return best
    }

    private func horizontalMove(from: Int, to: Int) -> [UInt8]? {
        var best = control.column?(to)
        Self.keepShorter(to > from ? control.right?(to - from) : control.left?(from - to), in: &best)
        Self.keepShorter(Self.repeated(to > from ? control.rightOne : control.leftOne, abs(to - from)), in: &best)
        return best
    }

    /// Makes `candidate` the best when it is strictly shorter: an earlier candidate wins a tie.
    private static func keepShorter(_ candidate: [UInt8]?, in best: inout [UInt8]?) {
        guard let candidate else { return }
        if let current = best, current.count <= candidate.count { return }
        best = candidate
    }

    /// A one-step move `count` times over, for the few steps where that can be the shortest.
    private static func repeated(_ step: [UInt8]?, _ count: Int) -> [UInt8]? {
        guard let step, !step.isEmpty, count <= Self.longestRepeatedStep else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(step.count * count)
        for _ in 0..<count { bytes.append(contentsOf: step) }
        return bytes
    }

    /// Beyond this many steps a counted move is never longer.
    static let longestRepeatedStep = 4

    /// The cells between the cursor and `to` on its row, when all of them are plain one-column
    /// ASCII in the current rendition: writing them again moves the cursor without changing the screen.
    private func unchangedCells(from: Int, to: Int, row: Int, in frame: Frame) -> [UInt8]? {
        guard to > from, to - from <= 8, let current else { return nil }
        var bytes: [UInt8] = []
        for x in from..<to {
            let cell = frame[x, row]
            guard (renditions[cell.role] ?? .plain) == current, let byte = cell.printableASCIIByte else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    // MARK: - Attributes

    private mutating func switchRendition(to rendition: Rendition) {
        if let current, current == rendition { return }
        let change = RenditionChange(from: current, to: rendition)
        if let sequence = known.changes[change] {
            append(sequence)
            self.current = rendition
            return
        }
        if let next = graphicForms[rendition], current.map({ graphicForms[$0] != nil }) ?? true {
            let bytes = next.sequence(from: current.flatMap { graphicForms[$0] })
            known.changes[change] = bytes
            append(bytes)
            self.current = rendition
            return
        }
        if let current, current.attributes == rendition.attributes {
            if (rendition.foreground != nil || current.foreground == nil),
               (rendition.background != nil || current.background == nil) {
                // Only colours change, and none goes back to the default: set just those.
                if current.foreground != rendition.foreground, let foreground = rendition.foreground { append(foreground) }
                if current.background != rendition.background, let background = rendition.background { append(background) }
                self.current = rendition
                return
            }
            if let defaultColors = control.defaultColors {
                append(defaultColors)
                appendColors(of: rendition)
                self.current = rendition
                return
            }
        }
        append(control.resetAttributes)
        append(rendition.attributes)
        appendColors(of: rendition)
        current = rendition
    }

    private mutating func appendColors(of rendition: Rendition) {
        if let foreground = rendition.foreground { append(foreground) }
        if let background = rendition.background { append(background) }
    }

    private mutating func append(_ bytes: [UInt8]) {
        output.append(contentsOf: bytes)
    }

    // MARK: - Text

    /// What a cell's text puts on the terminal: control characters become a space, a grapheme keeps
    /// at most four scalars (what a curses cell holds), and without UTF-8 anything beyond ASCII is `?`.
    public static func glyph(_ text: String, utf8: Bool) -> [UInt8] {
        let scalars = text.unicodeScalars.prefix(4).filter { !isControl($0) }
        guard let first = scalars.first, let lead = text.unicodeScalars.first, !isControl(lead) else { return [0x20] }
        guard utf8 else { return [first.isASCII ? UInt8(first.value) : 0x3F] }
        var bytes: [UInt8] = []
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        return bytes
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
