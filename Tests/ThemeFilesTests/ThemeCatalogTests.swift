import Foundation
import Testing
@testable import TerminalUI
import ThemeFiles

/// A temporary XDG_CONFIG_HOME with a themes directory; removed when the test ends.
private final class TemporaryConfigHome {
    let root: URL
    let themes: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-theme-tests-\(UUID().uuidString)")
        themes = root.appendingPathComponent("ecs-protect/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var catalog: ThemeCatalog { ThemeCatalog(environment: ["XDG_CONFIG_HOME": root.path, "HOME": "/nonexistent"]) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = themes.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

@Suite struct ThemeCatalogTests {
    @Test func userThemeDirectoryFollowsXDG() {
        #expect(ThemeCatalog.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/op"])
            == "/cfg/ecs-protect/themes")
        #expect(ThemeCatalog.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/op"])
            == "/home/op/.config/ecs-protect/themes")
        #expect(ThemeCatalog.userThemeDirectory(environment: ["HOME": "/home/op"]) == "/home/op/.config/ecs-protect/themes")
        #expect(ThemeCatalog.userThemeDirectory(environment: [:]) == nil)
    }

    @Test func bundledThemesLoadWithoutAnyConfigDirectory() throws {
        let catalog = ThemeCatalog(environment: [:])
        #expect(catalog.available().map(\.name) == ["default", "high-contrast", "light", "mono", "solarized-dark"])
        #expect(catalog.available().allSatisfy { $0.origin == .bundled && $0.error == nil && $0.summary != nil })
        let light = try catalog.load(nameOrPath: "light")
        #expect(light.origin == .bundled && light.sourceDescription == "bundled")
    }

    @Test func userThemeOverridesTheBundledOneOfTheSameName() throws {
        let home = try TemporaryConfigHome()
        let path = try home.write("light.theme", "description = Mine\ntext = magenta\n")
        try home.write("night.theme", "text = blue\n")
        try home.write("notes.txt", "ignored")

        let light = try home.catalog.load(nameOrPath: "light")
        #expect(light.origin == .file(path: path))
        #expect(light.style(for: .text).foreground == .named(.magenta))
        // Roles the user file leaves out come from default (implicit parent), not bundled light.
        #expect(light.styles.count == StyleRole.themed.count)
        #expect(light.style(for: .header) == Theme.bundledDefault.style(for: .header))

        let listings = home.catalog.available()
        #expect(listings.map(\.name) == ["default", "high-contrast", "light", "mono", "night", "solarized-dark"])
        let lightListing = try #require(listings.first { $0.name == "light" })
        #expect(lightListing.origin == .file(path: path) && lightListing.overridesBundled && lightListing.summary == "Mine")
        let night = try #require(listings.first { $0.name == "night" })
        #expect(!night.overridesBundled && night.origin != .bundled)

        try home.write("Big.theme", "text = bold\n")
        #expect(try home.catalog.load(nameOrPath: "Big").style(for: .text).attributes == .bold)
    }

    @Test func loadByPathFromAnyDirectory() throws {
        let home = try TemporaryConfigHome()
        let path = home.root.appendingPathComponent("elsewhere.theme").path
        try "inherits = high-contrast\nprotected = 46 bold\n".write(toFile: path, atomically: true, encoding: .utf8)

        let theme = try ThemeCatalog(environment: [:]).load(nameOrPath: path)
        #expect(theme.name == "elsewhere" && theme.origin == .file(path: path))
        #expect(theme.style(for: .protected) == ThemeStyle(foreground: .indexed(46), attributes: .bold))
        let highContrast = try ThemeCatalog(environment: [:]).load(nameOrPath: "high-contrast")
        #expect(theme.style(for: .lapsed) == highContrast.style(for: .lapsed))
    }

    @Test func userDefaultCanInheritTheBundledDefault() throws {
        let home = try TemporaryConfigHome()
        try home.write("default.theme", "inherits = default\ntext = cyan\n")
        let theme = try home.catalog.load(nameOrPath: "default")
        #expect(theme.style(for: .text).foreground == .named(.cyan))
        #expect(theme.style(for: .lapsed) == Theme.bundledDefault.style(for: .lapsed))
        // Other themes without `inherits` build on the user's default.
        try home.write("calm.theme", "muted = dim\n")
        #expect(try home.catalog.load(nameOrPath: "calm").style(for: .text).foreground == .named(.cyan))
    }

    @Test func badUserFileIsAnErrorNotAHalfLoadedTheme() throws {
        let home = try TemporaryConfigHome()
        let path = try home.write("light.theme", "text = red\nmuted = grey\n")
        #expect {
            try home.catalog.load(nameOrPath: "light")
        } throws: { error in
            (error as? ThemeError) == ThemeError(fileName: path, line: 2, problem: .unknownColour("grey"))
        }
        let listing = try #require(home.catalog.available().first { $0.name == "light" })
        #expect(listing.error?.line == 2)
    }

    @Test func unknownParentIsReportedOnTheInheritsLine() throws {
        let home = try TemporaryConfigHome()
        let path = try home.write("a.theme", "# mine\ninherits = nope\n")
        #expect {
            try home.catalog.load(nameOrPath: "a")
        } throws: { error in
            (error as? ThemeError) == ThemeError(fileName: path, line: 2, problem: .unknownParent("nope"))
        }
    }

    @Test func inheritanceCycleIsAnError() throws {
        let home = try TemporaryConfigHome()
        try home.write("a.theme", "inherits = b\n")
        try home.write("b.theme", "inherits = a\n")
        #expect {
            try home.catalog.load(nameOrPath: "a")
        } throws: { error in
            (error as? ThemeError)?.problem == .inheritanceCycle(["a", "b", "a"])
        }
    }

    @Test func missingThemeAndMissingFileAreErrors() {
        let catalog = ThemeCatalog(environment: [:])
        #expect {
            try catalog.load(nameOrPath: "nosuch")
        } throws: { error in
            guard case .themeNotFound("nosuch", let available)? = (error as? ThemeError)?.problem else { return false }
            return available.contains("default")
        }
        #expect {
            try catalog.load(nameOrPath: "/nonexistent/x.theme")
        } throws: { error in
            (error as? ThemeError) == ThemeError(fileName: "/nonexistent/x.theme", line: nil, problem: .unreadable("no such file"))
        }
    }

    @Test func selectionFallsBackToMonoWithoutColour() throws {
        let catalog = ThemeCatalog(environment: [:])
        #expect(try catalog.select(requested: nil, capability: .none).name == "mono")
        #expect(try catalog.select(requested: nil, capability: .ansi8).name == "default")
        let chosen = try catalog.select(requested: "light", capability: .none)
        #expect(chosen.name == "light")
        // With no colour an explicitly chosen theme keeps its attributes and loses its colours.
        let resolved = chosen.style(for: .protected).resolved(for: .none)
        #expect(resolved == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .bold))
    }
}
