import Dashboard
import Foundation
import TerminalUI
import TerminalTestSupport
import Testing

/// The demo's first frame as each bundled theme draws it: golden files under `Goldens/themes/`
/// holding the text, one symbol per cell for its resolved style, and legends spelling the styles out
/// (see ``ThemeGoldenTests/styledText(of:theme:name:)``). Plus a check that the protection states on
/// screen stay apart in every theme and colour capability.
@Suite(.utf8Locale) struct ThemeGoldenTests {
    /// The bundled themes, as the catalog lists them without a user theme directory.
    static let bundledNames = ThemeCatalog().available().map(\.name)

    /// Symbols in the order styles first appear, row by row; a frame uses far fewer styles than roles.
    static let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let checkedCapabilities: [ColorCapability] = [.none, .ansi8, .ansi16, .indexed256]

    static func theme(_ name: String) throws -> Theme {
        try ThemeCatalog().load(named: name)
    }

    @Test func everyBundledThemeHasAGolden() {
        let bundled = ThemeCatalog().available().filter { $0.origin == .bundled }.map(\.name)
        #expect(bundled == Self.bundledNames)
    }

    @Test(arguments: Self.bundledNames)
    func demoFirstFrameStyles(themeName: String) throws {
        let frame = DashboardRenderer.render(Fixtures.demoState(width: 80, height: 24))
        let name = "themes/\(themeName)-80x24"
        GoldenFrame.check(text: Self.styledText(of: frame, theme: try Self.theme(themeName), name: name), name)
    }

    // MARK: - Protection states stay apart

    /// A protection state as the screen shows it: its words and the style of their cells.
    struct StateSample {
        var name: String
        var text: String
        var role: StyleRole
    }

    /// PROTECTED, EXPIRING, UNPROTECTED and the failure and error problems from the first frame,
    /// PENDING from the same frame after marking all and pressing `p`.
    static func stateSamples() -> [StateSample] {
        let first = DashboardRenderer.render(Fixtures.demoState(width: 80, height: 24))
        var pendingState = Fixtures.demoState(width: 80, height: 24)
        Fixtures.press(&pendingState, .character("a"), .character("p"))
        let pending = DashboardRenderer.render(pendingState)
        let samples = [
            sample("protected", in: first, column: "STATE", word: "PROTECTED"),
            sample("expiring", in: first, column: "STATE", word: "EXPIRING"),
            sample("unprotected", in: first, column: "STATE", word: "UNPROTECTED"),
            sample("pending", in: pending, column: "STATE", word: "PENDING"),
            sample("failure", in: first, column: "PROBLEM", word: "TASK_NOT_VALID"),
            sample("error", in: first, column: "PROBLEM", word: "AccessDeniedException"),
        ]
        return samples.compactMap { $0 }
    }

    /// The cells in `column` (found by its heading) whose text starts with `word`, on the first row
    /// that shows it; nil when no row does or the word's cells do not share one role.
    static func sample(_ name: String, in frame: Frame, column heading: String, word: String) -> StateSample? {
        let lines = frame.textLines
        guard let headingRow = lines.firstIndex(where: { $0.contains(" STATE ") && $0.contains(heading) }),
              let range = lines[headingRow].range(of: heading)
        else { return nil }
        // Headings are ASCII, so the character offset is the column.
        let x = lines[headingRow].distance(from: lines[headingRow].startIndex, to: range.lowerBound)
        // The selected line shows its states in their selected variants; sample the others.
        for y in (headingRow + 1)..<frame.height where frame[0, y].text != ">" {
            let cells = (x..<min(frame.width, x + word.count)).map { frame[$0, y] }
            let text = cells.map(\.text).joined()
            let nextIsBreak = x + word.count >= frame.width || [" ", "("].contains(frame[x + word.count, y].text)
            guard text == word, nextIsBreak else { continue }
            let roles = Set(cells.map(\.role))
            guard roles.count == 1, let role = roles.first else { return nil }
            return StateSample(name: name, text: word, role: role)
        }
        return nil
    }

    @Test func stateSamplesAreOnScreen() {
        let samples = Self.stateSamples()
        #expect(samples.map(\.name) == ["protected", "expiring", "unprotected", "pending", "failure", "error"])
        #expect(samples.map(\.role) == [.protected, .expiringSoon, .unprotected, .pending, .failure, .error])
    }

    /// Whatever the theme and capability, two states never look the same AND read the same.
    @Test(arguments: Self.bundledNames)
    func statesStayReadable(themeName: String) throws {
        let theme = try Self.theme(themeName)
        let samples = Self.stateSamples()
        for capability in Self.checkedCapabilities {
            let palette = theme.palette(for: capability)
            for (i, a) in samples.enumerated() {
                for b in samples[(i + 1)...] {
                    #expect(palette[a.role] != palette[b.role] || a.text != b.text,
                            "\(themeName) at \(capability): \(a.name) and \(b.name) look and read alike")
                }
            }
        }
    }

    /// With any colour at all, every protection state on screen has a style of its own.
    @Test(arguments: Self.bundledNames)
    func statesHaveDistinctStylesInColour(themeName: String) throws {
        let theme = try Self.theme(themeName)
        let samples = Self.stateSamples()
        for capability in Self.checkedCapabilities where capability != .none {
            let palette = theme.palette(for: capability)
            for (i, a) in samples.enumerated() {
                for b in samples[(i + 1)...] {
                    #expect(palette[a.role] != palette[b.role],
                            "\(themeName) at \(capability): \(a.name) and \(b.name) share \(Self.describe(palette[a.role] ?? .plain))")
                }
            }
        }
    }

    /// Without colour only attributes are left. The theme chosen when there is no colour must keep
    /// protected apart from unprotected and from error, and every state apart from the others.
    @Test func noColourThemeSeparatesStatesByAttributes() throws {
        let theme = try ThemeCatalog().load(named: ThemeCatalog.defaultThemeName(for: .none))
        #expect(theme.name == "mono")
        let palette = theme.palette(for: .none)
        let attributes = { (role: StyleRole) in palette[role]?.attributes ?? [] }
        #expect(attributes(.protected) != attributes(.unprotected))
        #expect(attributes(.protected) != attributes(.error))
        let samples = Self.stateSamples()
        #expect(Set(samples.map { attributes($0.role) }).count == samples.count)
    }

    /// Which bundled themes, asked for explicitly without colour, still tell protected from
    /// unprotected and from error by attributes. Themes that paint states with colour alone lose
    /// that; their state words still differ (see `statesStayReadable`). A change either way shows here.
    @Test func attributesWithoutColourPerTheme() throws {
        var separating: [String] = []
        for name in Self.bundledNames {
            let palette = try Self.theme(name).palette(for: .none)
            let attributes = { (role: StyleRole) in palette[role]?.attributes ?? [] }
            if attributes(.protected) != attributes(.unprotected), attributes(.protected) != attributes(.error) {
                separating.append(name)
            }
        }
        #expect(separating == Self.themesSeparatingStatesWithoutColour)
    }

    static let themesSeparatingStatesWithoutColour = ["mono", "solarized-dark"]

    // MARK: - Golden text

    /// The text grid, a grid of style symbols at 256 colours, and legends for 256, 8 and no colours.
    /// Symbols follow first appearance, so cells sharing a 256-colour style share a symbol.
    static func styledText(of frame: Frame, theme: Theme, name: String) -> String {
        let palette256 = theme.palette(for: .indexed256)
        var groups: [(style: ResolvedStyle, roles: [StyleRole])] = []
        var symbolIndex: [ResolvedStyle: Int] = [:]
        var lines = ["# \(name): theme \(theme.name), demo first frame, \(frame.width)x\(frame.height) text, each row between | marks"]
        lines += frame.textLines.map { "|\($0)|" }
        lines.append("# resolved style at 256 colours, one symbol per cell (a wide character takes two)")
        for y in 0..<frame.height {
            let row = (0..<frame.width).map { x -> Character in
                let role = frame[x, y].role
                let style = palette256[role] ?? .plain
                let index: Int
                if let known = symbolIndex[style] {
                    index = known
                } else {
                    index = groups.count
                    symbolIndex[style] = index
                    groups.append((style, []))
                }
                if !groups[index].roles.contains(role) { groups[index].roles.append(role) }
                return symbol(index)
            }
            lines.append("|" + String(row) + "|")
        }
        let styles256 = groups.map { describe($0.style) }
        let width = styles256.map(\.count).max() ?? 0
        lines.append("# legend at 256 colours: symbol, style, roles drawn with it")
        for (index, group) in groups.enumerated() {
            let style = styles256[index].padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(symbol(index))  \(style)  \(group.roles.map(\.rawValue).joined(separator: " "))")
        }
        for (capability, title) in [(ColorCapability.ansi8, "at 8 colours"), (.none, "with no colour")] {
            let palette = theme.palette(for: capability)
            lines.append("# the same symbols \(title)")
            for (index, group) in groups.enumerated() {
                // Roles sharing a 256-colour style could in principle part at fewer colours; show each.
                var described: [String] = []
                for role in group.roles {
                    let text = describe(palette[role] ?? .plain)
                    if !described.contains(text) { described.append(text) }
                }
                lines.append("\(symbol(index))  \(described.joined(separator: " / "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func symbol(_ index: Int) -> Character { index < symbols.count ? symbols[index] : "?" }

    /// `fg=15 bg=4 bold`, with `terminal-default` for the terminal's own colours.
    static func describe(_ style: ResolvedStyle) -> String {
        var words = ["fg=\(describe(style.foreground))", "bg=\(describe(style.background))"]
        if !style.attributes.isEmpty { words.append(style.attributes.description) }
        return words.joined(separator: " ")
    }

    static func describe(_ color: ResolvedColor) -> String {
        switch color {
        case .terminalDefault: "terminal-default"
        case .palette(let index): String(index)
        case .rgb(let rgb): rgb.description
        }
    }
}
