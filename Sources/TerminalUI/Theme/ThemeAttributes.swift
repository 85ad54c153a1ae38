/// Text attributes a theme can ask for. They are the only cue left when colour is off,
/// so the mono theme tells states apart with them alone.
public struct ThemeAttributes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = ThemeAttributes(rawValue: 1 << 0)
    public static let dim = ThemeAttributes(rawValue: 1 << 1)
    public static let reverse = ThemeAttributes(rawValue: 1 << 2)
    public static let underline = ThemeAttributes(rawValue: 1 << 3)

    /// Each attribute with the word theme files use for it, in canonical order.
    public static let named: [(name: String, attribute: ThemeAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ]

    /// The attribute a theme file word names, or nil.
    public init?(themeName: String) {
        guard let match = Self.named.first(where: { $0.name == themeName }) else { return nil }
        self = match.attribute
    }

    /// Space-separated attribute words, e.g. `bold underline`; empty when there are none.
    public var description: String {
        Self.named.filter { contains($0.attribute) }.map(\.name).joined(separator: " ")
    }
}
