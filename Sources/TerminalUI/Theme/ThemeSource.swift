/// A user's theme file as the program's edge read it: where it is, and its text or why it could
/// not be read. `ThemeCatalog` works on these, so the theme model itself never touches a disk.
public struct ThemeSource: Sendable, Equatable {
    /// The file's path: error messages quote it and the theme's name comes from it.
    public var path: String
    /// The file's text, or why it could not be used (too large, not UTF-8, not a regular file).
    public var text: Result<String, ThemeError>

    public init(path: String, text: Result<String, ThemeError>) {
        self.path = path
        self.text = text
    }

    /// The name to choose the theme by: the file name without `.theme`.
    public var name: String { ThemeParser.themeName(fromFileName: path) }

    /// Where the theme comes from.
    public var origin: ThemeOrigin { .file(path: path) }
}
