import Testing
@testable import TerminalUI

/// The catalog on text handed in (as the executable hands in what it read from disk): no file
/// system involved.
@Suite struct ThemeCatalogSourceTests {
    private func source(_ path: String, _ text: String) -> ThemeSource {
        ThemeSource(path: path, text: .success(text))
    }

    @Test func userSourceHidesTheBundledThemeOfTheSameName() throws {
        let catalog = ThemeCatalog(
            userThemes: [source("/cfg/themes/light.theme", "description = Mine\ntext = magenta\n"),
                         source("/cfg/themes/night.theme", "text = blue\n")],
            userThemeDirectory: "/cfg/themes")
        #expect(catalog.userThemeDirectory == "/cfg/themes")
        let light = try catalog.load(named: "light")
        #expect(light.origin == .file(path: "/cfg/themes/light.theme"))
        #expect(light.style(for: .text).foreground == .named(.magenta))
        #expect(light.style(for: .header) == Theme.bundledDefault.style(for: .header))

        let listings = catalog.available()
        #expect(listings.map(\.name) == ["default", "high-contrast", "light", "mono", "night", "solarized-dark"])
        #expect(listings.first { $0.name == "light" }?.overridesBundled == true)
        #expect(listings.first { $0.name == "night" }?.overridesBundled == false)
    }

    @Test func unreadableSourceIsListedWithItsErrorAndFailsToLoad() {
        let problem = ThemeError(fileName: "/cfg/themes/big.theme", line: nil, problem: .unreadable("larger than 64 KiB"))
        let catalog = ThemeCatalog(userThemes: [ThemeSource(path: "/cfg/themes/big.theme", text: .failure(problem))])
        let listing = catalog.available().first { $0.name == "big" }
        #expect(listing?.error == problem && listing?.summary == nil)
        #expect(throws: problem) { try catalog.load(named: "big") }
    }

    @Test func fileThemeInheritsFromTheCatalog() throws {
        let catalog = ThemeCatalog(userThemes: [source("/cfg/themes/base.theme", "lapsed = red underline\n")])
        let theme = try catalog.load(file: source("/tmp/mine.theme", "inherits = base\ntext = cyan\n"))
        #expect(theme.name == "mine" && theme.origin == .file(path: "/tmp/mine.theme"))
        #expect(theme.style(for: .text).foreground == .named(.cyan))
        #expect(theme.style(for: .lapsed) == ThemeStyle(foreground: .named(.red), attributes: .underline))
        #expect(theme.styles.count == StyleRole.themed.count)
    }

    @Test func defaultThemeDependsOnColour() throws {
        #expect(ThemeCatalog.defaultThemeName(for: .none) == "mono")
        #expect(ThemeCatalog.defaultThemeName(for: .ansi8) == "default")
        #expect(ThemeCatalog.defaultThemeName(for: .indexed256) == "default")
    }
}
