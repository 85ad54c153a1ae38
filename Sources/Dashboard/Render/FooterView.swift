import TerminalUI

/// The status line (the last action's result, or the filter being typed) and the key footer.
enum FooterView {
    /// Everything the key footer is drawn from: it changes with the view, the key mode and the
    /// marks, not with the clock, so a memo keeps it between frames (``RenderMemo``).
    struct KeysKey: Equatable, Sendable {
        let view: DashboardView
        let keyMode: KeyMode
        let readOnly: Bool
        let demo: Bool
        let replay: Bool
        /// "keys act on 3 marked tasks:" while marks are what the action keys hit.
        let targets: String?
    }

    /// What the status line shows: the filter or command being typed, or the last message.
    enum StatusLine: Equatable, Sendable {
        case filter(String)
        case command(String)
        case message(String, isError: Bool)
        case empty
    }

    static func draw(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout, into frame: inout Frame,
                     memo: inout RenderMemo) {
        let status: StatusLine = switch state.overlay {
        case .filterInput: .filter(state.filterText)
        case .commandLine: .command(state.commandText)
        default: state.status.map { .message($0.text, isError: $0.isError) } ?? .empty
        }
        let statusRow = layout.statusRow
        // A message stays for many frames, and one with a character beyond ASCII (the em dash of
        // the first one) is broken into graphemes to be drawn: it is kept, as the keys are.
        memo.status.draw(status, row: statusRow, into: &frame) { frame in drawStatus(status, y: statusRow, into: &frame) }

        // With marks, the action keys leave the cursor's row alone: the footer says what they hit.
        let targets = state.view == .tasks && model.actsOnMarks(in: state)
            ? "keys act on \(model.targetsText(model.actionTargets(in: state), in: state)):" : nil
        let keys = KeysKey(view: state.view, keyMode: state.keyMode, readOnly: state.readOnly, demo: state.demo,
                           replay: state.isReplay, targets: targets)
        let footerRow = layout.footerRow
        memo.footer.draw(keys, row: footerRow, into: &frame) { frame in drawKeys(keys, y: footerRow, into: &frame) }
    }

    /// The status line on row `y`.
    private static func drawStatus(_ status: StatusLine, y statusRow: Int, into frame: inout Frame) {
        frame.clearRow(statusRow, role: .text)
        switch status {
        case .filter(let text):
            frame.clearRow(statusRow, role: .dialog)
            let hint = frame.writeRightAligned(KeyBindings.hint(for: .filter, separator: "  ") + " ", right: frame.width, y: statusRow, role: .dialog)
            frame.write("filter: \(typedTail(text, width: hint - 12))_", x: 1, y: statusRow, role: .dialog)
        case .command(let text):
            frame.clearRow(statusRow, role: .dialog)
            let hint = frame.writeRightAligned(KeyBindings.hint(for: .command, separator: "  ") + " ", right: frame.width, y: statusRow, role: .dialog)
            frame.write(":\(typedTail(text, width: hint - 4))_", x: 1, y: statusRow, role: .dialog)
        case .message(let text, let isError):
            frame.write(text, x: 1, y: statusRow, role: isError ? .error : .text, maxWidth: frame.width - 2, ellipsis: true)
        case .empty:
            break
        }
    }

    /// The key footer on row `y`: quit at the right end, the other keys in order in what is left.
    private static func drawKeys(_ keys: KeysKey, y footerRow: Int, into frame: inout Frame) {
        frame.clearRow(footerRow, role: .footer)
        let quit = frame.writeRightAligned("quit ", right: frame.width, y: footerRow, role: .footer)
        frame.write("q", x: quit - 2, y: footerRow, role: .helpKey)
        var x = 1
        if let targets = keys.targets {
            x += frame.write(targets, x: x, y: footerRow, role: .marked, maxWidth: max(0, quit - 3 - x), ellipsis: true) + 2
        }
        // A replay's own keys come first: they are what a replay is for. Other views show their own.
        let bindings = keys.view != .tasks ? KeyBindings.table(for: keys.keyMode)
            : keys.replay ? KeyBindings.all.filter(\.replayOnly) + KeyBindings.all.filter { !$0.replayOnly } : KeyBindings.all
        for binding in bindings where binding.label != KeyBindings.quitLabel {
            guard let footer = binding.footer, !binding.isRefused(readOnly: keys.readOnly, demo: keys.demo, replay: keys.replay) else { continue }
            let name = binding.footerName
            let width = DisplayWidth.of(name) + 1 + DisplayWidth.of(footer)
            guard x + width < quit - 3 else { break }
            frame.write(name, x: x, y: footerRow, role: .helpKey)
            frame.write(footer, x: x + DisplayWidth.of(name) + 1, y: footerRow, role: .footer)
            x += width + 2
        }
    }

    /// What is being typed, cut at the front to `width` columns ("…the end") so the end, where
    /// the next character goes, stays in view.
    static func typedTail(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var tail = ""
        var used = 1
        for character in text.reversed() {
            let columns = DisplayWidth.of(String(character))
            guard used + columns <= width else { break }
            tail.insert(character, at: tail.startIndex)
            used += columns
        }
        return "…" + tail
    }
}
