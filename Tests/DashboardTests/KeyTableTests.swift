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
        case .left: "Left"
        case .right: "Right"
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
        for binding in KeyBindings.all where !binding.replayOnly {
            if let footer = binding.footer { #expect(demoFooter.contains(footer)) }
        }
        #expect(!demoFooter.contains("pause"), "replay keys are not offered live")
        let replayFooter = DashboardRenderer.render(Fixtures.replayState(width: 200, height: 30)).textLines.last ?? ""
        for binding in KeyBindings.all where binding.replayOnly {
            if let footer = binding.footer { #expect(replayFooter.contains(footer), "\(replayFooter)") }
        }
        #expect(!replayFooter.contains("protect") && !replayFooter.contains("fault"))
    }

    /// A replay looks through the record as live does: its keys leave row movement, themes and the
    /// filter alone, and every key that would send a PUT or inject a fault says "replay: read-only".
    @Test func replayKeysTakeNoKeyOfTheTableAndRefuseEveryChange() {
        let reserved: [KeyInput] = [.character("j"), .character("k"), .character("g"), .character("G"), .home, .end, .pageUp, .pageDown,
                                    .character("t"), .character("/")]
        for binding in KeyBindings.all where binding.replayOnly {
            #expect(!binding.keys.contains { reserved.contains($0.key) }, "\(binding.label)")
        }
        for binding in KeyBindings.bound(readOnly: false, demo: false, replay: true) where binding.sendsPut || binding.demoOnly {
            #expect(binding.keys.allSatisfy { $0.action == .refuse("replay: read-only") }, "\(binding.label)")
        }
        var state = Fixtures.replayState()
        for key in "pmuKfD" {
            let effects = Fixtures.press(&state, .character(key))
            #expect(effects.isEmpty && state.status?.text == "replay: read-only", "\(key)")
        }
        #expect(Fixtures.press(&state, .character("P")) == [.replay(.togglePause)])
        #expect(Fixtures.press(&state, .right, .left) == [.replay(.step(1)), .replay(.step(-1))])
        #expect(Fixtures.press(&state, .character("+"), .character("-")) == [.replay(.faster), .replay(.slower)])
        #expect(Fixtures.press(&state, .character("["), .character("]")) == [.replay(.toStart), .replay(.toEnd)])
        // Live, the replay keys do nothing but say so.
        var live = Fixtures.demoState()
        #expect(Fixtures.press(&live, .character("P")).isEmpty)
        #expect(live.status?.isError == true)
    }

    /// `@` then a time on the drill's clock jumps there; a time the drill does not span moves nothing.
    @Test func aTypedTimeJumpsWithinTheDrill() {
        var state = Fixtures.replayState()
        let status = ReplayStatus(cursor: Fixtures.t0, start: Fixtures.t0, end: Fixtures.t0.addingTimeInterval(600), paused: true,
                                  speed: 1, played: 0, total: 10)
        _ = DashboardReducer.reduce(&state, .replayProgress(status))
        Fixtures.press(&state, .character("@"))
        #expect(state.overlay == .replayTimePrompt(""))
        Fixtures.type(&state, "12:05x:30")
        #expect(state.overlay == .replayTimePrompt("12:05:30"), "only digits and colons are typed")
        #expect(Fixtures.press(&state, .enter) == [.replay(.jump(to: Fixtures.t0.addingTimeInterval(330)))])
        Fixtures.press(&state, .character("@"))
        Fixtures.type(&state, "13:00")
        #expect(Fixtures.press(&state, .enter).isEmpty)
        #expect(state.status?.text == "replay: the drill does not span 13:00")
        Fixtures.press(&state, .character("@"))
        Fixtures.type(&state, "99")
        #expect(Fixtures.press(&state, .enter).isEmpty && state.status?.isError == true)
        let header = DashboardRenderer.render(state).textLines[1]
        #expect(header.contains("12:00:00") && header.contains("PAUSED"), "\(header)")
    }
}
