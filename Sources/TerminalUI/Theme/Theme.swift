/// A named mapping from each `StyleRole` to a `ThemeStyle`.
public struct Theme: Sendable, Equatable {
    /// The name used to choose the theme: its file name without `.theme`.
    public var name: String
    /// The file's `description = …` line, shown by `ecs-protect themes`.
    public var summary: String?
    /// The theme named by `inherits = …`, if any; `ThemeCatalog` merges its styles in.
    public var parentName: String?
    /// The line of `inherits = …`, for error messages.
    var parentLine: Int?
    /// Where the theme came from.
    public var origin: ThemeOrigin
    /// The styles the theme sets (after `ThemeCatalog` has merged inherited ones).
    public var styles: [StyleRole: ThemeStyle]

    public init(
        name: String,
        summary: String? = nil,
        parentName: String? = nil,
        origin: ThemeOrigin,
        styles: [StyleRole: ThemeStyle]
    ) {
        self.name = name
        self.summary = summary
        self.parentName = parentName
        self.origin = origin
        self.styles = styles
    }

    /// Where the theme came from, in words (`bundled` or a file path).
    public var sourceDescription: String { origin.description }

    /// The style for a role; a role the theme leaves out looks as in the bundled default theme.
    /// A selected variant the theme leaves out is its base's colour (its background colour when
    /// it is drawn as a block) and attributes on the selection's background, with the selection's attributes
    /// too (`reverse` in mono).
    public func style(for role: StyleRole) -> ThemeStyle {
        if let style = styles[role] { return style }
        if let base = role.selectedBase {
            let state = style(for: base)
            let selection = style(for: .selection)
            // A state drawn as a block (white on red, against the page's own background) keeps
            // the block's colour as its text colour.
            let block = state.background != style(for: .text).background
            let colour = block ? state.background : state.foreground
            return ThemeStyle(foreground: colour, background: selection.background,
                              attributes: state.attributes.union(selection.attributes))
        }
        return Theme.bundledDefault.styles[role] ?? .plain
    }

    /// The bundled `default` theme. Its text is compiled in and a test checks that it parses and
    /// covers every role; should it ever fail to parse, every role falls back to plain.
    public static let bundledDefault: Theme = {
        guard let text = BundledThemes.text(named: "default"),
              let theme = try? ThemeParser.parse(text: text, fileName: "default.theme", origin: .bundled)
        else { return Theme(name: "default", origin: .bundled, styles: [:]) }
        return theme
    }()
}
