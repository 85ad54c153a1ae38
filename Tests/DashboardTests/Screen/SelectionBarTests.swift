import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The selected line is one unbroken bar in every bundled theme: every cell has the selection's
/// background (or, in mono, its attributes), and a state keeps its own colour on it.
@Suite(.utf8Locale) struct SelectionBarTests {
    /// The failure rows with the throttled row (an error in the PROBLEM column) selected.
    private func selectedRow() -> (frame: Frame, y: Int) {
        var state = Fixtures.demoState(width: 120, height: 30)
        Fixtures.press(&state, .home)
        let frame = DashboardRenderer.render(state)
        let y = frame.textLines.firstIndex { $0.hasPrefix(">") } ?? 0
        return (frame, y)
    }

    @Test(arguments: ThemeGoldenTests.bundledNames)
    func theSelectedLineHasOneBackground(themeName: String) throws {
        let theme = try ThemeGoldenTests.theme(themeName)
        let (frame, y) = selectedRow()
        let roles = Set((0..<frame.width).map { frame[$0, y].role })
        #expect(roles.contains(.selectedProtected) && roles.contains(.selectedError), "\(roles)")
        for capability in ThemeGoldenTests.checkedCapabilities {
            let palette = theme.palette(for: capability)
            guard let selection = palette[.selection] else { continue }
            for role in roles {
                let style = palette[role] ?? .plain
                #expect(style.background == selection.background, "\(themeName) at \(capability): \(role)")
                #expect(style.attributes.isSuperset(of: selection.attributes), "\(themeName) at \(capability): \(role)")
            }
            // A state on the bar keeps its colour: its text colour, or the colour of its block
            // when it is drawn as one (black on green); unless that is the bar's own colour.
            if capability != .none, let protected = palette[.protected], let selected = palette[.selectedProtected] {
                let page = palette[.text]?.background ?? .terminalDefault
                let colour = protected.background == page ? protected.foreground : protected.background
                if colour != selection.background {
                    #expect(selected.foreground == colour, "\(themeName) at \(capability)")
                }
            }
        }
    }

    @Test func aThemeMaySetASelectedVariant() throws {
        let theme = try ThemeParser.parse(text: "selection = black on cyan\nselected-error = bright-red on cyan bold\n", fileName: "bar.theme")
        #expect(theme.style(for: .selectedError) == ThemeStyle(foreground: .named(.brightRed), background: .named(.cyan), attributes: .bold))
        // Left out: the base's colour on the theme's own selection background.
        #expect(theme.style(for: .selectedStale).background == .named(.cyan))
    }
}
