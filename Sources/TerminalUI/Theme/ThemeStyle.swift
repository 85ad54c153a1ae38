/// How one `StyleRole` looks: foreground, background and attributes, as the theme wrote them.
public struct ThemeStyle: Sendable, Hashable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: ThemeAttributes

    public init(
        foreground: ThemeColor = .terminalDefault,
        background: ThemeColor = .terminalDefault,
        attributes: ThemeAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = ThemeStyle()

    /// The style in theme-file syntax, e.g. `black on cyan bold`.
    public var description: String {
        var words = [foreground.description]
        if background != .terminalDefault { words += ["on", background.description] }
        if !attributes.isEmpty { words.append(attributes.description) }
        return words.joined(separator: " ")
    }
}
