/// The themes that can be chosen: the bundled ones (compiled in, see `BundledThemes`) and the
/// user's own, handed in already read (`ThemeSource`; the executable reads the user's theme
/// directory). A user theme hides the bundled theme of the same name.
///
/// Loading resolves `inherits = …` (a theme without it inherits `default`), so a loaded theme sets
/// every role its ancestors set. A bad file is an error, never a partly loaded theme.
public struct ThemeCatalog: Sendable {
    /// The directory the user themes were read from, shown by `ecs-protect themes`; nil when
    /// there is none (no home directory) or when the catalog holds bundled themes only.
    public let userThemeDirectory: String?
    /// The user's themes by name.
    private let userThemes: [String: ThemeSource]

    /// A catalog of the bundled themes and `userThemes` (when two share a name, the later wins).
    public init(userThemes: [ThemeSource] = [], userThemeDirectory: String? = nil) {
        self.userThemeDirectory = userThemeDirectory
        self.userThemes = Dictionary(userThemes.map { ($0.name, $0) }) { _, later in later }
    }

    /// The theme used when none is asked for: `mono` when there is no colour (so states differ
    /// by attributes alone), else `default`.
    public static func defaultThemeName(for capability: ColorCapability) -> String {
        capability == .none ? "mono" : "default"
    }

    /// Every theme that can be chosen by name, sorted by name.
    public func available() -> [ThemeListing] {
        var listings: [String: ThemeListing] = [:]
        for file in BundledThemes.files {
            let name = ThemeParser.themeName(fromFileName: file.fileName)
            listings[name] = listing(name: name, text: file.text, fileName: file.fileName, origin: .bundled, overrides: false)
        }
        for source in userThemes.values {
            let overrides = BundledThemes.text(named: source.name) != nil
            switch source.text {
            case .success(let text):
                listings[source.name] = listing(
                    name: source.name, text: text, fileName: source.path, origin: source.origin, overrides: overrides)
            case .failure(let error):
                listings[source.name] = ThemeListing(
                    name: source.name, origin: source.origin, overridesBundled: overrides, summary: nil, error: error)
            }
        }
        return listings.values.sorted { $0.name < $1.name }
    }

    /// Loads a theme by name (`light`: the user's theme first, then the bundled one). Names are
    /// case-sensitive, like the files.
    public func load(named name: String) throws(ThemeError) -> Theme {
        try loadNamed(name, bundledOnly: false, chain: [])
    }

    /// Loads a theme from a file named on the command line (already read): its parent, if any,
    /// comes from this catalog.
    public func load(file: ThemeSource) throws(ThemeError) -> Theme {
        let theme = try ThemeParser.parse(text: try file.text.get(), fileName: file.path, origin: file.origin)
        return try withInheritance(theme, fileName: file.path, chain: [theme.name])
    }

    private func loadNamed(_ name: String, bundledOnly: Bool, chain: [String]) throws(ThemeError) -> Theme {
        let theme: Theme
        let fileName: String
        if !bundledOnly, let source = userThemes[name] {
            fileName = source.path
            theme = try ThemeParser.parse(text: try source.text.get(), fileName: source.path, origin: source.origin)
        } else if let text = BundledThemes.text(named: name) {
            fileName = name + ".theme"
            theme = try ThemeParser.parse(text: text, fileName: fileName, origin: .bundled)
        } else {
            throw ThemeError(fileName: name, line: nil, problem: .themeNotFound(name, available: available().map(\.name)))
        }
        return try withInheritance(theme, fileName: fileName, chain: chain + [name])
    }

    /// Merges in the parent's styles. A file theme inheriting its own name (a user `default.theme`
    /// with `inherits = default`) builds on the bundled theme of that name.
    private func withInheritance(_ theme: Theme, fileName: String, chain: [String]) throws(ThemeError) -> Theme {
        guard let parentName = theme.parentName ?? (theme.name == "default" ? nil : "default") else { return theme }
        let extendsBundledSelf = parentName == theme.name && theme.origin != .bundled
        if !extendsBundledSelf, chain.contains(parentName) {
            throw ThemeError(fileName: fileName, line: nil, problem: .inheritanceCycle(chain + [parentName]))
        }
        let parentExists = (!extendsBundledSelf && userThemes[parentName] != nil)
            || BundledThemes.text(named: parentName) != nil
        guard parentExists else {
            throw ThemeError(fileName: fileName, line: theme.parentLine, problem: .unknownParent(parentName))
        }
        let parent = try loadNamed(parentName, bundledOnly: extendsBundledSelf, chain: chain)
        var merged = theme
        merged.styles = parent.styles.merging(theme.styles) { _, own in own }
        return merged
    }

    private func listing(name: String, text: String, fileName: String, origin: ThemeOrigin, overrides: Bool) -> ThemeListing {
        do {
            let theme = try ThemeParser.parse(text: text, fileName: fileName, origin: origin)
            return ThemeListing(name: name, origin: origin, overridesBundled: overrides, summary: theme.summary, error: nil)
        } catch {
            return ThemeListing(name: name, origin: origin, overridesBundled: overrides, summary: nil, error: error)
        }
    }
}
