/// The dashboard's keys, as the help overlay and the footer list them.
struct KeyHelp: Equatable {
    /// The keys, as written on screen.
    let keys: String
    /// What they do.
    let action: String
    /// The short footer form, or nil to leave the key out of the footer.
    let footer: String?
    /// Only works in demo mode.
    let demoOnly: Bool
    /// Sends a PUT, so read-only mode refuses it.
    let sendsPut: Bool

    init(_ keys: String, _ action: String, footer: String? = nil, demoOnly: Bool = false, sendsPut: Bool = false) {
        self.keys = keys
        self.action = action
        self.footer = footer
        self.demoOnly = demoOnly
        self.sendsPut = sendsPut
    }

    /// The quit keys; the footer always shows them.
    static let quitKeys = "q / Ctrl-C"

    /// Every key, in the order the help overlay lists them; the footer keeps the same order.
    static let all: [KeyHelp] = [
        KeyHelp("?", "show or hide this help", footer: "help"),
        KeyHelp("Up/Down j/k", "move the selection"),
        KeyHelp("PgUp/PgDn", "move one page"),
        KeyHelp("Home/End g/G", "first / last task"),
        KeyHelp("Space", "mark or unmark the task", footer: "mark"),
        KeyHelp("a / A", "mark all visible / clear marks"),
        KeyHelp("p", "protect marked or selected (120 min)", footer: "protect", sendsPut: true),
        KeyHelp("m", "protect for N minutes (1-2880)", footer: "minutes", sendsPut: true),
        KeyHelp("u", "unprotect (confirms for several)", footer: "unprotect", sendsPut: true),
        KeyHelp("r", "refresh marked tasks, else all", footer: "refresh"),
        KeyHelp("/", "filter by label, ARN or state", footer: "filter"),
        KeyHelp("s", "sort: label, remaining, state", footer: "sort"),
        KeyHelp("Enter", "show or hide the detail pane", footer: "detail"),
        KeyHelp("t", "next colour theme"),
        KeyHelp("f", "inject a fault into the task", footer: "fault", demoOnly: true),
        KeyHelp("D", "take the agent down / bring it back", footer: "agent", demoOnly: true),
        KeyHelp(quitKeys, "quit", footer: "quit"),
    ]
}
