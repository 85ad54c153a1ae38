/// How a role looks on the terminal, as the sequences that turn it on from a reset terminal.
public struct Rendition: Sendable, Hashable {
    /// Bold, dim, reverse, underline, in the terminal's own sequences; empty for none.
    public var attributes: [UInt8]
    /// Sets the foreground colour; nil for the terminal's default.
    public var foreground: [UInt8]?
    /// Sets the background colour; nil for the terminal's default.
    public var background: [UInt8]?

    public init(attributes: [UInt8] = [], foreground: [UInt8]? = nil, background: [UInt8]? = nil) {
        self.attributes = attributes
        self.foreground = foreground
        self.background = background
    }

    /// The terminal's state after a reset.
    public static let plain = Rendition()
}
