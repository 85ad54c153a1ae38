import Foundation

/// Finds and loads themes: the bundled ones (compiled in, see `BundledThemes`) and the user's own
/// in `$XDG_CONFIG_HOME/ecs-protect/themes/` (default `~/.config/ecs-protect/themes/`).
/// A user file hides the bundled theme of the same name.
///
/// Loading resolves `inherits = …` (a theme without it inherits `default`), so a loaded theme sets
/// every role its ancestors set. A bad file is an error, never a partly loaded theme.
public struct ThemeCatalog: Sendable {
    /// The directory searched for user themes, or nil when neither `XDG_CONFIG_HOME` nor `HOME` is set.
    public let userThemeDirectory: String?

    /// - Parameter environment: the process environment (injectable for tests); only
    ///   `XDG_CONFIG_HOME` and `HOME` are read.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        userThemeDirectory = Self.userThemeDirectory(environment: environment)
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

    /// The theme to use: the one asked for; otherwise `mono` when there is no colour (so states
    /// differ by attributes alone), else `default`.
    public func select(requested: String?, capability: ColorCapability) throws(ThemeError) -> Theme {
        if let requested { return try load(nameOrPath: requested) }
        return try load(nameOrPath: capability == .none ? "mono" : "default")
    }

    /// Every theme that can be chosen by name, sorted by name.
    public func available() -> [ThemeListing] {
        var listings: [String: ThemeListing] = [:]
        for file in BundledThemes.files {
            let name = ThemeParser.themeName(fromFileName: file.fileName)
            listings[name] = listing(name: name, text: file.text, fileName: file.fileName, origin: .bundled, overrides: false)
        }
        for (name, path) in userThemeFiles() {
            let text: String
            do {
                text = try Self.read(path: path)
            } catch {
                listings[name] = ThemeListing(
                    name: name, origin: .file(path: path), overridesBundled: listings[name] != nil,
                    summary: nil, error: error)
                continue
            }
            listings[name] = listing(name: name, text: text, fileName: path, origin: .file(path: path), overrides: listings[name] != nil)
        }
        return listings.values.sorted { $0.name < $1.name }
    }

    /// Loads a theme by name (`light`: user directory first, then bundled) or by file path
    /// (anything containing `/` or ending in `.theme`). Names are case-sensitive, like the files.
    public func load(nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            let theme = try ThemeParser.parse(
                text: try Self.read(path: nameOrPath), fileName: nameOrPath, origin: .file(path: nameOrPath))
            return try withInheritance(theme, fileName: nameOrPath, chain: [theme.name])
        }
        return try loadNamed(nameOrPath, bundledOnly: false, chain: [])
    }

    private func loadNamed(_ name: String, bundledOnly: Bool, chain: [String]) throws(ThemeError) -> Theme {
        let theme: Theme
        let fileName: String
        if !bundledOnly, let path = userThemePath(named: name) {
            fileName = path
            theme = try ThemeParser.parse(text: try Self.read(path: path), fileName: path, origin: .file(path: path))
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
        let parentExists = (!extendsBundledSelf && userThemePath(named: parentName) != nil)
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

    private func userThemePath(named name: String) -> String? {
        guard let directory = userThemeDirectory else { return nil }
        let path = directory + "/" + name + ".theme"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// (name, path) of each `*.theme` file in the user directory; none when it does not exist.
    private func userThemeFiles() -> [(name: String, path: String)] {
        guard let directory = userThemeDirectory,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return [] }
        return entries.filter { $0.hasSuffix(".theme") }.sorted().map { entry in
            (ThemeParser.themeName(fromFileName: entry), directory + "/" + entry)
        }
    }

    /// Largest theme file read; real ones are about a kilobyte.
    public static let maximumFileBytes = 64 * 1024

    private static func read(path: String) throws(ThemeError) -> String {
        // Only a regular file: opening a FIFO would wait for a writer, a device could never end.
        // stat follows symbolic links, so a linked theme file (dotfiles) is fine.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not a regular file"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw ThemeError(fileName: path, line: nil, problem: .unreadable(reason))
        }
        defer { try? handle.close() }
        // One byte past the cap tells a file that is too large from one that is exactly at it.
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not a readable file"))
        }
        guard data.count <= maximumFileBytes else {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("larger than \(maximumFileBytes / 1024) KiB"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(fileName: path, line: nil, problem: .unreadable("not UTF-8 text"))
        }
        return text
    }
}
