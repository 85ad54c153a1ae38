/// The control sequences a terminal understands, as bytes, for ``FrameEncoder``. The ncurses
/// backend fills it from terminfo; the optional moves are used when the terminal has them and
/// they are shorter than an absolute move.
public struct TerminalControl: Sendable {
    /// A sequence that takes one number (a row, a column or a count).
    public typealias Parameterized = @Sendable (Int) -> [UInt8]

    /// Moves the cursor to column `x`, row `y` (zero-based). Every terminal the dashboard runs on has it.
    public var moveTo: @Sendable (_ x: Int, _ y: Int) -> [UInt8]
    /// Moves to a column of the current row (`hpa`).
    public var column: Parameterized?
    /// Moves to a row, keeping the column (`vpa`).
    public var row: Parameterized?
    /// Moves right, left, down and up by a count (`cuf`, `cub`, `cud`, `cuu`).
    public var right: Parameterized?
    public var left: Parameterized?
    public var down: Parameterized?
    public var up: Parameterized?
    /// Moves one column left (`cub1`, usually a backspace).
    public var leftOne: [UInt8]?
    /// Moves one row down, keeping the column (`cud1`: a line feed on most terminals, so only
    /// where the terminal driver sends it as it is, without adding a carriage return).
    public var downOne: [UInt8]?
    /// Moves one row up (`cuu1`) and one column right (`cuf1`): shorter than their counted forms.
    public var upOne: [UInt8]?
    public var rightOne: [UInt8]?
    /// Clears the screen and homes the cursor (`clear`).
    public var clear: [UInt8]
    /// Turns every attribute and colour off (`sgr0`).
    public var resetAttributes: [UInt8]
    /// Sets both colours back to the terminal's own (`op`), if the terminal can.
    public var defaultColors: [UInt8]?
    /// Whether writing the bottom-right cell scrolls the screen (automatic margins without the
    /// xterm "newline glitch"): that cell is then never written.
    public var bottomRightScrolls: Bool
    /// Whether text goes out as UTF-8; otherwise characters beyond ASCII are shown as `?`.
    public var utf8: Bool

    public init(
        moveTo: @escaping @Sendable (_ x: Int, _ y: Int) -> [UInt8], column: Parameterized? = nil, row: Parameterized? = nil,
        right: Parameterized? = nil, left: Parameterized? = nil, down: Parameterized? = nil, up: Parameterized? = nil,
        leftOne: [UInt8]? = nil, downOne: [UInt8]? = nil, upOne: [UInt8]? = nil, rightOne: [UInt8]? = nil, clear: [UInt8], resetAttributes: [UInt8], defaultColors: [UInt8]? = nil,
        bottomRightScrolls: Bool = false, utf8: Bool = true
    ) {
        self.moveTo = moveTo
        self.column = column
        self.row = row
        self.right = right
        self.left = left
        self.down = down
        self.up = up
        self.leftOne = leftOne
        self.downOne = downOne
        self.upOne = upOne
        self.rightOne = rightOne
        self.clear = clear
        self.resetAttributes = resetAttributes
        self.defaultColors = defaultColors
        self.bottomRightScrolls = bottomRightScrolls
        self.utf8 = utf8
    }
}
