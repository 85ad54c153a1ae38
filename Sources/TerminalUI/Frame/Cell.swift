/// One terminal cell: the text it shows and its style role.
///
/// A wide character (two columns) occupies its own cell plus a following continuation cell,
/// whose `text` is empty; the terminal backend skips continuation cells.
public struct Cell: Sendable, Equatable, Hashable {
    private var stored: CellText
    /// What the cell means; themes decide how it looks.
    public var role: StyleRole
    // Always zero. They fill what would otherwise be padding, so every byte of a cell is a stored
    // value and two rows of cells are equal exactly when their bytes are (``Frame/rowEquals(_:y:)``):
    // a frame is compared with the last one at every wake-up, 4,800 cells at 120x40.
    private var reservedShort: UInt16 = 0
    private var reservedWord: UInt32 = 0

    /// One grapheme cluster, or "" for the second half of a wide character. A cluster of more than
    /// 16 UTF-8 bytes keeps its first scalars that fit (``CellText``).
    public var text: String {
        get { stored.string }
        set { stored = CellText(newValue) }
    }

    public init(text: String, role: StyleRole) {
        stored = CellText(text)
        self.role = role
    }

    /// A cell of one ASCII character, made without a `String`.
    init(asciiByte: UInt8, role: StyleRole) {
        stored = CellText(byte: asciiByte)
        self.role = role
    }

    /// Whether cells compare as plain bytes: true when the layout has no padding, which a test
    /// checks; were it false, comparisons would go cell by cell instead.
    static let comparesAsBytes = MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride

    /// A blank cell of the given role.
    public static func blank(_ role: StyleRole = .text) -> Cell { Cell(asciiByte: 0x20, role: role) }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { stored.count == 0 }

    /// The byte of a cell holding one printable ASCII character, nil for any other text.
    package var printableASCIIByte: UInt8? { stored.printableASCII }
}
