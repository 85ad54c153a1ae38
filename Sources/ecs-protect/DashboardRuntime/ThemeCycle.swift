import Dashboard
import Foundation

/// The themes `t` cycles through, all loaded before the dashboard starts so that a bad theme
/// file is reported up front and the screen is never half-themed.
struct ThemeCycle {
    private(set) var themes: [Theme]
    private(set) var index = 0
    /// False under `--no-color` or a non-empty `NO_COLOR`: attributes only, no colour escapes.
    let colorEnabled: Bool

    /// Loads the requested theme (name or path; the default for the terminal when nil) and every
    /// other valid theme in the catalog, the requested one first.
    init(requested: String?, noColorFlag: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ThemeError) {
        let catalog = ThemeCatalog(environment: environment)
        colorEnabled = ColorCapability.detect(environment: environment, noColorFlag: noColorFlag, terminalColorCount: 256) != .none
        let first = try catalog.select(requested: requested, capability: colorEnabled ? .indexed256 : .none)
        var themes = [first]
        for listing in catalog.available() where listing.error == nil && listing.name != first.name {
            if let theme = try? catalog.load(nameOrPath: listing.name) { themes.append(theme) }
        }
        self.themes = themes
    }

    var current: Theme { themes[index] }
    var currentName: String { current.name }

    mutating func advance() { index = (index + 1) % themes.count }

    /// The current theme fitted to what the terminal can show.
    func palette(for capability: ColorCapability) -> [StyleRole: ResolvedStyle] {
        current.palette(for: capability)
    }
}
