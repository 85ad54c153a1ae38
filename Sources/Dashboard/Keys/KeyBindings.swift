import TerminalUI

/// The dashboard's key table, in the order the help overlay lists it (the footer keeps it too).
public enum KeyBindings {
    /// The quit binding's label; the footer always shows it, at the right end.
    static let quitLabel = "q / F10 / Ctrl-C"

    /// Every binding of the main view, before read-only or demo mode is applied.
    public static let all: [KeyBinding] = [
        KeyBinding("?", "show or hide this help", footer: "help", keys: [(.character("?"), .toggleHelp)]),
        KeyBinding("Up/Down j/k", "move the selection", keys: [
            (.up, .moveBy(-1)), (.down, .moveBy(1)), (.character("j"), .moveBy(1)), (.character("k"), .moveBy(-1)),
        ]),
        KeyBinding("PgUp/PgDn", "move one page", keys: [(.pageUp, .pageUp), (.pageDown, .pageDown)]),
        KeyBinding("Home/End g/G", "first / last task", keys: [
            (.home, .first), (.end, .last), (.character("g"), .first), (.character("G"), .last),
        ]),
        KeyBinding("Space", "mark or unmark the task", footer: "mark", keys: [(.character(" "), .toggleMark)]),
        KeyBinding("a / A", "mark all visible / clear marks", keys: [
            (.character("a"), .markAllVisible), (.character("A"), .clearMarks),
        ]),
        KeyBinding("M", "marks stay after actions (M again: off)",
                   keys: [(.character("M"), .toggleKeepMarks)]),
        KeyBinding("p", "protect marked or selected (120 min)", footer: "protect",
                   keys: [(.character("p"), .protect)], sendsPut: true, refusalName: "protect"),
        KeyBinding("m", "protect for N minutes (1-2880)", footer: "minutes",
                   keys: [(.character("m"), .protectForMinutes)], sendsPut: true, refusalName: "protect"),
        KeyBinding("u", "unprotect (confirms for several)", footer: "unprotect",
                   keys: [(.character("u"), .unprotect)], sendsPut: true, refusalName: "unprotect"),
        KeyBinding("K", "keep protected, renewing (K again: stop)",
                   keys: [(.character("K"), .keepProtected)], sendsPut: true, refusalName: "keep protected"),
        KeyBinding("r", "refresh marked tasks, else all", footer: "refresh", keys: [(.character("r"), .refresh)]),
        KeyBinding("x", "dismiss a failed action's outcome and a lapse", keys: [(.character("x"), .dismiss)]),
        KeyBinding("F", "only tasks whose last action failed (F again: all)",
                   keys: [(.character("F"), .toggleFailedActions)]),
        KeyBinding("v", "view failing, lapsed, unprotected, kept, failed, all",
                   keys: [(.character("v"), .cycleQuickFilter)]),
        KeyBinding("/", "filter: regex over every column, !re hides matches", footer: "filter", keys: [(.character("/"), .openFilter)]),
        KeyBinding("s / > <", "sort by the next / previous column", footer: "sort", keys: [
            (.character("s"), .cycleSort), (.character(">"), .cycleSort), (.character("<"), .previousSortColumn),
        ]),
        KeyBinding("I", "reverse the sort order", keys: [(.character("I"), .invertSort)]),
        KeyBinding("S", "group rows by service (S again: flat)", keys: [(.character("S"), .toggleGroups)]),
        KeyBinding("c", "hide or show columns", keys: [(.character("c"), .openColumnMenu)]),
        KeyBinding("Enter / Esc", "show or hide the detail pane", footer: "detail", keys: [
            (.enter, .toggleDetail), (.escape, .closeDetail),
        ]),
        KeyBinding("e", "events pane below the table", keys: [(.character("e"), .toggleEvents)]),
        KeyBinding("t", "next colour theme", keys: [(.character("t"), .cycleTheme)]),
        // Replay keys leave the keys for moving among rows (j/k, g/G, Home/End, PgUp/PgDn), themes (t)
        // and the filter (/) alone: a replay is looked through as a live dashboard is.
        KeyBinding("P", "pause or resume the replay", footer: "pause",
                   keys: [(.character("P"), .replay(.togglePause))], replayOnly: true, refusalName: "pause"),
        KeyBinding("Left/Right", "previous / next event (pauses)", footer: "step", keys: [
            (.left, .replay(.step(-1))), (.right, .replay(.step(1))),
        ], replayOnly: true, refusalName: "stepping"),
        KeyBinding("- / +", "replay slower / faster (1x to 60x)", footer: "speed", keys: [
            (.character("-"), .replay(.slower)), (.character("+"), .replay(.faster)),
        ], replayOnly: true, refusalName: "speed"),
        KeyBinding("[ / ]", "jump to the start / end of the drill", keys: [
            (.character("["), .replay(.toStart)), (.character("]"), .replay(.toEnd)),
        ], replayOnly: true, refusalName: "jumping"),
        KeyBinding("@", "jump to a time (HH:MM:SS)", footer: "jump",
                   keys: [(.character("@"), .openTimePrompt)], replayOnly: true, refusalName: "jumping"),
        KeyBinding("f", "inject a fault into the task", footer: "fault",
                   keys: [(.character("f"), .openFaultMenu)], demoOnly: true, refusalName: "fault injection"),
        KeyBinding("D", "take the agent or ECS API down / up", footer: "agent",
                   keys: [(.character("D"), .toggleAgent)], demoOnly: true, refusalName: "taking the agent down"),
        command,
        KeyBinding(quitLabel, "quit", footer: "quit", keys: [(.character("q"), .quit), (.function(10), .quit), (.interrupt, .quit)]),
    ]

    /// `:` opens the command line in every view.
    static let command = KeyBinding(":", "command line: :svc, :events, :task, :ctx, :q", keys: [(.character(":"), .openCommand)])

    /// Ctrl-C ends the dashboard whatever is on screen.
    static let interrupt = KeyBinding("Ctrl-C", "quit", keys: [(.interrupt, .quit)])

    /// The keys of each overlay, in the order their hints and the key reference list them.
    public static func table(for mode: KeyMode) -> [KeyBinding] {
        switch mode {
        case .main:
            return all
        case .help:
            return [
                KeyBinding("Esc / ? / Enter", "close this help", footer: "close", keys: [
                    (.escape, .closeHelp), (.character("?"), .closeHelp), (.enter, .closeHelp),
                ]),
                KeyBinding("Up/Down j/k PgUp/PgDn", "scroll the keys when they do not fit", keys: [
                    (.up, .scrollHelp(-1)), (.character("k"), .scrollHelp(-1)), (.down, .scrollHelp(1)), (.character("j"), .scrollHelp(1)),
                    (.pageUp, .scrollHelp(-HelpLayout.pageLines)), (.pageDown, .scrollHelp(HelpLayout.pageLines)),
                ]),
                KeyBinding("q / F10", "quit", footer: "quit", keys: [(.character("q"), .quit), (.function(10), .quit)]),
                interrupt,
            ]
        case .minutesPrompt:
            return [
                KeyBinding("Enter", "send the protect", footer: "send", keys: [(.enter, .submitMinutes)]),
                KeyBinding("Esc", "cancel", footer: "cancel", keys: [(.escape, .cancelMinutes)]),
                KeyBinding("Backspace", "delete a digit", keys: [(.backspace, .deleteBackward), (.delete, .deleteBackward)]),
                interrupt,
            ]
        case .unprotectConfirmation:
            return [
                KeyBinding("y / Enter", "unprotect them", footer: "unprotect", keys: [
                    (.character("y"), .confirmUnprotect), (.character("Y"), .confirmUnprotect), (.enter, .confirmUnprotect),
                ]),
                KeyBinding("n / Esc", "cancel", footer: "cancel", keys: [
                    (.character("n"), .cancelUnprotect), (.character("N"), .cancelUnprotect), (.escape, .cancelUnprotect),
                ]),
                interrupt,
            ]
        case .filter:
            return [
                KeyBinding("Enter", "keep the filter", footer: "keeps", keys: [(.enter, .keepFilter)]),
                KeyBinding("Esc", "clear the filter", footer: "clears", keys: [(.escape, .clearFilter)]),
                KeyBinding("Backspace", "delete a character", keys: [(.backspace, .deleteBackward), (.delete, .deleteBackward)]),
                interrupt,
            ]
        case .command:
            return [
                KeyBinding("Enter", "run it: svc, task, events or q", footer: "run", keys: [(.enter, .runCommand)]),
                KeyBinding("Tab", "complete the command", footer: "complete", keys: [(.tab, .completeCommand)]),
                KeyBinding("Up/Down", "earlier / later commands", keys: [(.up, .commandHistory(-1)), (.down, .commandHistory(1))]),
                KeyBinding("Esc", "cancel", footer: "cancel", keys: [(.escape, .cancelCommand)]),
                KeyBinding("Backspace", "delete a character", keys: [(.backspace, .deleteBackward), (.delete, .deleteBackward)]),
                interrupt,
            ]
        case .services:
            return [
                KeyBinding("Up/Down j/k", "move the selection", footer: "move", keys: [
                    (.up, .moveBy(-1)), (.down, .moveBy(1)), (.character("j"), .moveBy(1)), (.character("k"), .moveBy(-1)),
                ]),
                KeyBinding("Enter", "the service's tasks", footer: "tasks", keys: [(.enter, .openServiceTasks)]),
                KeyBinding("Esc", "back to the task view", footer: "back", keys: [(.escape, .backToTasks)]),
                KeyBinding("r", "read services and tasks again", footer: "refresh", keys: [(.character("r"), .refresh)]),
                command,
                KeyBinding("?", "help", keys: [(.character("?"), .toggleHelp)]),
                KeyBinding(quitLabel, "quit", footer: "quit", keys: [(.character("q"), .quit), (.function(10), .quit), (.interrupt, .quit)]),
            ]
        case .serviceEvents:
            return [
                KeyBinding("Esc", "back to the task view", footer: "back", keys: [(.escape, .backToTasks)]),
                KeyBinding("r", "read services and tasks again", footer: "refresh", keys: [(.character("r"), .refresh)]),
                command,
                KeyBinding("?", "help", keys: [(.character("?"), .toggleHelp)]),
                KeyBinding(quitLabel, "quit", footer: "quit", keys: [(.character("q"), .quit), (.function(10), .quit), (.interrupt, .quit)]),
            ]
        case .faultMenu:
            return [
                KeyBinding("Up/Down", "move the highlight", footer: "move", keys: [
                    (.up, .moveMenu(-1)), (.character("k"), .moveMenu(-1)), (.down, .moveMenu(1)), (.character("j"), .moveMenu(1)),
                ]),
                KeyBinding("Enter", "choose the highlighted line", footer: "choose", keys: [(.enter, .chooseHighlighted)]),
                // 0 stands for the tenth line, as on a keypad: the menu has ten (nine faults and "clear").
                KeyBinding("1-9, 0", "choose that line (0: the tenth)", footer: "choose",
                           keys: (1...9).map { (.character(Character(String($0))), .chooseLine($0)) } + [(.character("0"), .chooseLine(10))]),
                KeyBinding("Esc", "close without a change", footer: "close", keys: [(.escape, .closeMenu)]),
                interrupt,
            ]
        case .columnMenu:
            return [
                KeyBinding("Up/Down", "move the highlight", footer: "move", keys: [
                    (.up, .moveMenu(-1)), (.character("k"), .moveMenu(-1)), (.down, .moveMenu(1)), (.character("j"), .moveMenu(1)),
                ]),
                KeyBinding("Space / Enter", "hide or show the highlighted column", footer: "toggle", keys: [
                    (.character(" "), .toggleHighlightedColumn), (.enter, .toggleHighlightedColumn),
                ]),
                KeyBinding("1-5", "hide or show that column", keys: (1...TableColumn.allCases.count).map {
                    (.character(Character(String($0))), .toggleColumn($0))
                }),
                KeyBinding("Esc / c", "close", footer: "close", keys: [(.escape, .closeMenu), (.character("c"), .closeMenu)]),
                interrupt,
            ]
        case .replayTime:
            return [
                KeyBinding("Enter", "jump to the typed time", footer: "jump", keys: [(.enter, .submitTime)]),
                KeyBinding("Esc", "cancel", footer: "cancel", keys: [(.escape, .cancelTime)]),
                KeyBinding("Backspace", "delete a character", keys: [(.backspace, .deleteBackward), (.delete, .deleteBackward)]),
                interrupt,
            ]
        }
    }

    /// "Enter: send   Esc: cancel": an overlay's hint line, from the footer words of its table.
    public static func hint(for mode: KeyMode, separator: String = "   ") -> String {
        table(for: mode).compactMap { binding in binding.footer.map { "\(binding.label): \($0)" } }.joined(separator: separator)
    }

    /// The table as bound in a dashboard with these settings: a binding that may not run is bound
    /// to a refusal, so under read-only no key reaches an action that sends a PUT.
    public static func bound(readOnly: Bool, demo: Bool, replay: Bool = false) -> [KeyBinding] {
        all.map { binding in
            guard let reason = binding.refusal(readOnly: readOnly, demo: demo, replay: replay) else { return binding }
            return KeyBinding(binding.label, binding.description, footer: binding.footer,
                              keys: binding.keys.map { ($0.key, .refuse(reason)) },
                              sendsPut: binding.sendsPut, demoOnly: binding.demoOnly, replayOnly: binding.replayOnly,
                              refusalName: binding.refusalName)
        }
    }

    /// The action `key` runs in `state`'s current mode, or nil when no binding has the key.
    public static func action(for key: KeyInput, in state: DashboardState) -> KeyAction? {
        let mode = state.keyMode
        let table = mode == .main ? bound(readOnly: state.readOnly, demo: state.demo, replay: state.isReplay) : Self.table(for: mode)
        for binding in table {
            if let action = binding.action(for: key) { return action }
        }
        return nil
    }
}
