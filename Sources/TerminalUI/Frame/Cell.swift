/// One terminal cell: the text it shows and its style role.
///
/// A wide character (two columns) occupies its own cell plus a following continuation cell,
/// whose `text` is empty; the terminal backend skips continuation cells.
public struct Cell: Sendable, Equatable, Hashable {
    /// One grapheme cluster, or "" for the second half of a wide character.
    public var text: String
    /// What the cell means; themes decide how it looks.
    public var role: StyleRole

    public init(text: String, role: StyleRole) {
        self.text = text
        self.role = role
    }

    /// A blank cell of the given role.
    public static func blank(_ role: StyleRole = .text) -> Cell { Cell(text: " ", role: role) }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
