import TerminalUI

/// One line of the key table: the keys, what they do, and when they may not run. The same entry
/// drives dispatch (``DashboardReducer``), the help overlay, the footer and the read-only gate,
/// so what the screen promises and what a key does cannot drift apart.
public struct KeyBinding: Sendable, Equatable {
    /// The keys as the help overlay writes them, e.g. `Up/Down j/k`.
    public let label: String
    /// What the keys do, as the help overlay says it.
    public let description: String
    /// The short footer form, or nil to leave the binding out of the footer.
    public let footer: String?
    /// Each key of the binding and the action it runs.
    public let keys: [(key: KeyInput, action: KeyAction)]
    /// Sends a PUT: under read-only the binding is bound to a refusal instead.
    public let sendsPut: Bool
    /// Only meaningful on the built-in simulator.
    public let demoOnly: Bool
    /// Only meaningful in a replay (it moves the time cursor).
    public let replayOnly: Bool
    /// How a refusal names what the binding does ("protect", "fault injection").
    let refusalName: String
    /// The first key of the label, as the footer shows it (`Up/Down` of `Up/Down j/k`).
    let footerName: String

    init(_ label: String, _ description: String, footer: String? = nil,
         keys: [(key: KeyInput, action: KeyAction)], sendsPut: Bool = false, demoOnly: Bool = false,
         replayOnly: Bool = false, refusalName: String = "") {
        self.label = label
        self.description = description
        self.footer = footer
        self.keys = keys
        self.sendsPut = sendsPut
        self.demoOnly = demoOnly
        self.replayOnly = replayOnly
        self.refusalName = refusalName
        footerName = label.split(separator: " ").first.map(String.init) ?? label
    }

    /// What a refused action says under `--read-only`: the one wording for keys and for the
    /// reducer's own checks.
    public static func readOnlyRefusal(_ action: String) -> String { "read-only: \(action) is disabled" }

    /// What a replay says of a key that would change a task or the simulator: a record cannot be changed.
    public static let replayRefusal = "replay: read-only"

    /// Why the binding may not run in a dashboard with these settings, or nil when it may. A
    /// replay refuses every key that would send a PUT or inject a fault.
    public func refusal(readOnly: Bool, demo: Bool, replay: Bool = false) -> String? {
        switch refusalReason(readOnly: readOnly, demo: demo, replay: replay) {
        case nil: nil
        case .replay: Self.replayRefusal
        case .replayOnly: "\(refusalName) is only available in a replay"
        case .readOnly: Self.readOnlyRefusal(refusalName)
        case .demoOnly: "\(refusalName) is only available in demo mode"
        }
    }

    /// Whether ``refusal(readOnly:demo:replay:)`` refuses, without wording why: the footer asks
    /// it of every binding on every frame.
    public func isRefused(readOnly: Bool, demo: Bool, replay: Bool = false) -> Bool {
        refusalReason(readOnly: readOnly, demo: demo, replay: replay) != nil
    }

    /// Which rule refuses the binding, the first that applies; the one place the rules are written.
    private func refusalReason(readOnly: Bool, demo: Bool, replay: Bool) -> RefusalReason? {
        if replay && (sendsPut || demoOnly) { return .replay }
        if replayOnly && !replay { return .replayOnly }
        if sendsPut && readOnly { return .readOnly }
        if demoOnly && !demo { return .demoOnly }
        return nil
    }

    private enum RefusalReason {
        case replay, replayOnly, readOnly, demoOnly
    }

    /// The action `key` runs, if it belongs to this binding.
    public func action(for key: KeyInput) -> KeyAction? {
        keys.first { $0.key == key }?.action
    }

    public static func == (lhs: KeyBinding, rhs: KeyBinding) -> Bool {
        lhs.label == rhs.label && lhs.description == rhs.description && lhs.footer == rhs.footer
            && lhs.keys.map(\.key) == rhs.keys.map(\.key) && lhs.keys.map(\.action) == rhs.keys.map(\.action)
            && lhs.sendsPut == rhs.sendsPut && lhs.demoOnly == rhs.demoOnly && lhs.replayOnly == rhs.replayOnly
    }
}
