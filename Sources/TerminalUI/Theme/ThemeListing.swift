/// One line of `ecs-protect themes`: a theme that can be chosen by name.
public struct ThemeListing: Sendable, Equatable {
    /// The name to choose it by.
    public var name: String
    /// Bundled, or the user file that provides it.
    public var origin: ThemeOrigin
    /// Whether a user file hides a bundled theme of the same name.
    public var overridesBundled: Bool
    /// The file's `description = …` line, if any.
    public var summary: String?
    /// Why the file cannot be used, if it does not parse.
    public var error: ThemeError?

    public init(name: String, origin: ThemeOrigin, overridesBundled: Bool, summary: String?, error: ThemeError?) {
        self.name = name
        self.origin = origin
        self.overridesBundled = overridesBundled
        self.summary = summary
        self.error = error
    }
}
