import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeBundleTests {
    /// The repository's Themes/ directory, found from this file so any working directory works.
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    static let stateRoles: [StyleRole] = [
        .protected, .expiringSoon, .lapsed, .unprotected, .pending, .failure, .error, .stale,
    ]

    static let bundledNames = ["default", "high-contrast", "light", "mono", "solarized-dark"]

    @Test func bundledThemesMatchTheFilesInThemesDirectory() throws {
        let fileNames = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path)
            .filter { $0.hasSuffix(".theme") }.sorted()
        #expect(BundledThemes.files.map(\.fileName) == fileNames,
                "BundledThemes.swift is out of date: run scripts/embed-bundled-files")
        for fileName in fileNames {
            let onDisk = try String(contentsOf: Self.themesDirectory.appendingPathComponent(fileName), encoding: .utf8)
            #expect(BundledThemes.text(named: ThemeParser.themeName(fromFileName: fileName)) == onDisk,
                    "\(fileName) differs from BundledThemes.swift: run scripts/embed-bundled-files")
        }
    }

    @Test(arguments: bundledNames)
    func bundledThemeParsesAndSetsEveryRole(name: String) throws {
        let text = try #require(BundledThemes.text(named: name))
        let theme = try ThemeParser.parse(text: text, fileName: name + ".theme", origin: .bundled)
        #expect(theme.name == name)
        #expect(theme.summary?.isEmpty == false)
        let missing = StyleRole.themed.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name).theme does not set \(missing)")
    }

    @Test func defaultThemeIsTheFallback() {
        #expect(Theme.bundledDefault.name == "default")
        #expect(Theme.bundledDefault.styles.count == StyleRole.themed.count)
    }

    /// UNPROTECTED (eligible for scale-in) is a state to notice, not the absence of one: every
    /// bundled theme gives it a style of its own, never the terminal's plain text.
    @Test(arguments: bundledNames)
    func unprotectedIsVisiblyStyled(name: String) throws {
        let theme = try ThemeCatalog().load(named: name)
        let capabilities: [ColorCapability] = name == "mono" ? ColorCapability.allCases : [.ansi8, .ansi16, .indexed256, .direct]
        for capability in capabilities {
            let unprotected = theme.style(for: .unprotected).resolved(for: capability)
            #expect(unprotected != .plain, "\(name): UNPROTECTED is plain text with \(capability)")
            #expect(unprotected != theme.style(for: .text).resolved(for: capability), "\(name): UNPROTECTED looks like text with \(capability)")
        }
    }

    /// Every state must look different from every other state at every colour depth a theme is
    /// meant for; with no colour, that is the mono theme's job.
    @Test(arguments: bundledNames)
    func statesAreDistinguishableAtEveryDepth(name: String) throws {
        let theme = try ThemeCatalog().load(named: name)
        let capabilities: [ColorCapability] = name == "mono" ? ColorCapability.allCases : [.ansi8, .ansi16, .indexed256, .direct]
        for capability in capabilities {
            let resolved = Self.stateRoles.map { theme.style(for: $0).resolved(for: capability) }
            for first in resolved.indices {
                for second in resolved.indices where second > first {
                    #expect(resolved[first] != resolved[second],
                            "\(name): \(Self.stateRoles[first]) and \(Self.stateRoles[second]) look the same with \(capability)")
                }
            }
        }
    }

    @Test func monoUsesAttributesOnly() throws {
        let mono = try ThemeCatalog().load(named: "mono")
        for role in StyleRole.allCases {
            let style = mono.style(for: role)
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(role)")
        }
    }

    @Test func highContrastIsBoldAndNeverDim() throws {
        let theme = try ThemeCatalog().load(named: "high-contrast")
        for role in StyleRole.allCases where role != .muted {
            #expect(theme.style(for: role).attributes.contains(.bold), "\(role)")
        }
        #expect(StyleRole.allCases.allSatisfy { !theme.style(for: $0).attributes.contains(.dim) })
    }

    @Test func defaultThemeUsesOnlyNamedColoursSoItSurvives8Colours() {
        for role in StyleRole.allCases {
            for color in [Theme.bundledDefault.style(for: role).foreground, Theme.bundledDefault.style(for: role).background] {
                switch color {
                case .terminalDefault, .named: break
                case .indexed, .rgb: Issue.record("default.theme \(role) uses \(color)")
                }
            }
        }
    }
}
