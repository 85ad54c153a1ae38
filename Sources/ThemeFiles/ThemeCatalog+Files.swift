import FoundationEssentials
import TerminalUI

/// The catalog as the executable builds it: the user's theme directory read from disk, and
/// `--theme` taking a file path as well as a name.
extension ThemeCatalog {
    /// The bundled themes and every `*.theme` file in the user's theme directory
    /// (`$XDG_CONFIG_HOME/ecs-protect/themes/`, default `~/.config/ecs-protect/themes/`), read now.
    ///
    /// - Parameter environment: the process environment (injectable for tests); only
    ///   `XDG_CONFIG_HOME` and `HOME` are read.
    public init(environment: [String: String]) {
        let directory = Self.userThemeDirectory(environment: environment)
        self.init(userThemes: directory.map(Self.themeFiles(in:)) ?? [], userThemeDirectory: directory)
    }

    /// `$XDG_CONFIG_HOME/ecs-protect/themes`, or `$HOME/.config/ecs-protect/themes`. A relative
    /// `XDG_CONFIG_HOME` is ignored, as the XDG Base Directory specification requires.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/ecs-protect/themes"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/ecs-protect/themes"
        }
        return nil
    }

    /// Loads a theme by name (`light`: user directory first, then bundled) or by file path
    /// (anything containing `/` or ending in `.theme`), which is read now.
    public func load(nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/" as Character) || nameOrPath.hasSuffix(".theme") {
            return try load(file: ThemeSource(path: nameOrPath, text: .success(try ThemeFileReader.read(path: nameOrPath))))
        }
        return try load(named: nameOrPath)
    }

    /// The theme to use: the one asked for (name or path); otherwise the default for `capability`.
    public func select(requested: String?, capability: ColorCapability) throws(ThemeError) -> Theme {
        try load(nameOrPath: requested ?? Self.defaultThemeName(for: capability))
    }

    /// Each `*.theme` file in `directory`, read; none when the directory does not exist.
    private static func themeFiles(in directory: String) -> [ThemeSource] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.filter { $0.hasSuffix(".theme") }.sorted().map { ThemeFileReader.source(path: directory + "/" + $0) }
    }
}
