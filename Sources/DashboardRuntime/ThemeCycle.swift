import Dashboard
import FoundationEssentials
import TerminalUI
import ThemeFiles

/// The themes `t` cycles through (the index in use lives in `DashboardState`), all loaded before the dashboard starts so that a bad theme
/// file is reported up front and the screen is never half-themed.
public struct ThemeCycle: Sendable {
    public private(set) var themes: [Theme]
    /// False under `--no-color` or a non-empty `NO_COLOR`: attributes only, no colour escapes.
    public let colorEnabled: Bool

    /// Loads the requested theme (name or path; the default for the terminal when nil) and every
    /// other valid theme in the catalog, the requested one first.
    public init(requested: String?, noColorFlag: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ThemeError) {
        let catalog = ThemeCatalog(environment: environment)
        colorEnabled = ColorCapability.detect(environment: environment, noColorFlag: noColorFlag, terminalColorCount: 256) != .none
        let first = try catalog.select(requested: requested, capability: colorEnabled ? .indexed256 : .none)
        var themes = [first]
        for listing in catalog.available() where listing.error == nil && listing.name != first.name {
            if let theme = try? catalog.load(nameOrPath: listing.name) { themes.append(theme) }
        }
        self.themes = themes
    }

    /// The themes' names, in cycling order (the requested one first).
    public var names: [String] { themes.map(\.name) }

    /// The theme at `index` (wrapping), fitted to what the terminal can show.
    public func palette(at index: Int, for capability: ColorCapability) -> StylePalette {
        themes[index % themes.count].palette(for: capability)
    }
}
