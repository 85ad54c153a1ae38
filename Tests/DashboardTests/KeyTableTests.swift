import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The key table is the one source of dispatch, help, footer and the read-only gate.
@Suite(.utf8Locale) struct KeyTableTests {
    /// The help overlay's text, one string.
    private func helpText(readOnly: Bool, demo: Bool) -> String {
        var state = Fixtures.demoState(width: 120, height: 40, readOnly: readOnly, demo: demo)
        Fixtures.press(&state, .character("?"))
        return DashboardRenderer.render(state).textLines.joined(separator: "\n")
    }

    /// How a key is written in a binding's label.
    private func name(of key: KeyInput) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .up: "Up"
        case .down: "Down"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .interrupt: "Ctrl-C"
        case .function(let number): "F\(number)"
        default: "\(key)"
        }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func everyBoundKeyAppearsInHelp(readOnly: Bool, demo: Bool) {
        let help = helpText(readOnly: readOnly, demo: demo)
        for binding in KeyBindings.bound(readOnly: readOnly, demo: demo) {
            #expect(help.contains(binding.label), "\(binding.label) is missing from help")
            #expect(help.contains(binding.description), "\(binding.description) is missing from help")
            for (key, _) in binding.keys {
                #expect(binding.label.contains(name(of: key)), "\(key) is bound but its label '\(binding.label)' does not name it")
            }
        }
    }

    @Test func noTwoBindingsShareAKey() {
        let keys = KeyBindings.all.flatMap { $0.keys.map(\.key) }
        #expect(Set(keys).count == keys.count)
    }

    @Test func underReadOnlyNoBindingThatSendsAPutIsReachable() {
        for demo in [false, true] {
            let bound = KeyBindings.bound(readOnly: true, demo: demo)
            for binding in bound where binding.sendsPut {
                #expect(binding.keys.allSatisfy { if case .refuse = $0.action { true } else { false } })
            }
            // Every key of the table, from the table and from each dialog it opens, yields no PUT.
            let allKeys = KeyBindings.all.flatMap { $0.keys.map(\.key) }.filter { $0 != .interrupt && $0 != .character("q") }
            for first in allKeys {
                for second in allKeys + [.character("5"), .character("y")] {
                    var state = Fixtures.demoState(readOnly: true, demo: demo)
                    var effects = Fixtures.press(&state, .character("a"), first, second)
                    effects += Fixtures.press(&state, .enter)
                    #expect(!effects.contains { if case .put = $0 { true } else { false } }, "\(first) then \(second)")
                }
            }
        }
    }

    @Test func footerShowsOnlyBindingsThatRunHere() {
        let readOnlyFooter = DashboardRenderer.render(Fixtures.demoState(width: 200, height: 30, readOnly: true, demo: false)).textLines.last ?? ""
        #expect(!readOnlyFooter.contains("protect") && !readOnlyFooter.contains("fault"))
        #expect(readOnlyFooter.contains("refresh") && readOnlyFooter.contains("quit"))
        let demoFooter = DashboardRenderer.render(Fixtures.demoState(width: 200, height: 30)).textLines.last ?? ""
        for binding in KeyBindings.all {
            if let footer = binding.footer { #expect(demoFooter.contains(footer)) }
        }
    }
}
