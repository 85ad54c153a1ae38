import Dashboard

/// How one style role looks: colours plus attributes.
public struct TerminalStyle: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    /// A style; every part defaults to "plain".
    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Default colours, no attributes.
    public static let plain = TerminalStyle()
}

/// The look of every role; roles that are missing are drawn `.plain`.
public typealias StylePalette = [StyleRole: TerminalStyle]
