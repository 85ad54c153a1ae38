import ProtectionCore
import TerminalUI

/// Boxes drawn over the table: help, minutes prompt, unprotect confirmation, fault menu.
/// The filter is typed on the status line instead, so the rows it filters stay visible.
enum OverlayView {
    static func draw(_ state: DashboardState, model: DashboardViewModel, into frame: inout Frame) {
        switch state.overlay {
        case .none, .filterInput, .commandLine: return
        case .help: drawHelp(state, into: &frame)
        case .minutesPrompt(let prompt): drawPrompt(prompt, state: state, model: model, into: &frame)
        case .unprotectConfirmation(let targets): drawConfirmation(targets, state: state, model: model, into: &frame)
        case .faultMenu(let menu): drawFaultMenu(menu, state: state, into: &frame)
        case .columnMenu(let highlighted): drawColumnMenu(highlighted: highlighted, state: state, into: &frame)
        case .replayTimePrompt(let text): drawTimePrompt(text, state: state, into: &frame)
        }
    }

    /// A centred box for `lines` of content; returns the content's left column and first row.
    private static func box(width: Int, lines: Int, role: StyleRole, title: String,
                            into frame: inout Frame) -> (x: Int, y: Int, width: Int, lines: Int) {
        let boxWidth = min(frame.width - 2, width + 4)
        let boxHeight = min(frame.height - 2, lines + 2)
        let x = (frame.width - boxWidth) / 2
        let y = max(1, (frame.height - boxHeight) / 2)
        frame.drawBox(x: x, y: y, width: boxWidth, height: boxHeight, role: role, title: title)
        return (x + 2, y + 1, boxWidth - 4, boxHeight - 2)
    }

    private static func drawHelp(_ state: DashboardState, into frame: inout Frame) {
        let bindings = KeyBindings.all
        let keyWidth = bindings.map { DisplayWidth.of($0.label) }.max() ?? 0
        let entries: [(String, String, StyleRole)] = bindings.map { binding in
            let note = binding.demoOnly ? " (demo)" : binding.sendsPut && state.readOnly ? " (read-only: off)" : ""
            let refused = binding.refusal(readOnly: state.readOnly, demo: state.demo, replay: state.isReplay) != nil
            return (binding.label, binding.description + note, refused ? .muted : .dialog)
        }
        let layout = HelpLayout(height: frame.height, keyLines: entries.count)
        let scroll = min(state.helpScroll, layout.maximumScroll)
        let shown = entries.dropFirst(scroll).prefix(layout.visibleKeyLines)
        // Where the list is cut, the hint says how to see the rest.
        let more = layout.maximumScroll == 0 ? ""
            : "  (\(scroll + 1)-\(scroll + shown.count) of \(entries.count), j/k: more)"
        let hint = KeyBindings.hint(for: .help, separator: ", ") + more
        let width = max(keyWidth + 2 + (entries.map { DisplayWidth.of($0.1) }.max() ?? 0), DisplayWidth.of(hint))
        let area = box(width: width, lines: shown.count + 1, role: .dialog, title: "Keys", into: &frame)
        for (index, entry) in shown.prefix(max(0, area.lines - 1)).enumerated() {
            frame.write(entry.0, x: area.x, y: area.y + index, role: .helpKey, maxWidth: area.width, ellipsis: true)
            frame.write(entry.1, x: area.x + keyWidth + 2, y: area.y + index, role: entry.2,
                        maxWidth: max(0, area.width - keyWidth - 2), ellipsis: true)
        }
        if area.lines > 0 {
            frame.write(hint, x: area.x, y: area.y + area.lines - 1, role: .muted, maxWidth: area.width, ellipsis: true)
        }
    }

    private static func drawPrompt(_ prompt: MinutesPrompt, state: DashboardState, model: DashboardViewModel, into frame: inout Frame) {
        let title = "Protect \(model.targetsText(prompt.targets, in: state))"
        let area = box(width: 40, lines: 3, role: .dialog, title: title, into: &frame)
        let range = "Minutes (1-2880): "
        frame.write(range, x: area.x, y: area.y, role: .dialog)
        frame.write(prompt.text + "_", x: area.x + DisplayWidth.of(range), y: area.y, role: .dialog)
        if let message = prompt.validationMessage {
            let invalid = prompt.refusal != nil || !prompt.text.isEmpty
            frame.write(message, x: area.x, y: area.y + 1, role: invalid ? .error : .muted, maxWidth: area.width, ellipsis: true)
        }
        frame.write(KeyBindings.hint(for: .minutesPrompt), x: area.x, y: area.y + 2, role: .helpKey, maxWidth: area.width, ellipsis: true)
    }

    private static func drawTimePrompt(_ text: String, state: DashboardState, into frame: inout Frame) {
        let area = box(width: 40, lines: 3, role: .dialog, title: "Jump to a time", into: &frame)
        let label = "Time (HH:MM:SS): "
        frame.write(label, x: area.x, y: area.y, role: .dialog)
        frame.write(text + "_", x: area.x + DisplayWidth.of(label), y: area.y, role: .dialog)
        if let replay = state.replay {
            let span = "drill: \(TimeText.clock(replay.start, in: state.timeZone)) to \(TimeText.clock(replay.end, in: state.timeZone))"
            frame.write(span, x: area.x, y: area.y + 1, role: .muted, maxWidth: area.width, ellipsis: true)
        }
        frame.write(KeyBindings.hint(for: .replayTime), x: area.x, y: area.y + 2, role: .helpKey, maxWidth: area.width, ellipsis: true)
    }

    private static func drawConfirmation(_ targets: [TargetID], state: DashboardState, model: DashboardViewModel,
                                         into frame: inout Frame) {
        let names = targets.compactMap { state.task($0)?.displayName }.joined(separator: ", ")
        let nameLines = ColumnText.wrap(names, width: 44)
        let shown = Array(nameLines.prefix(3))
        let lines = ["Remove scale-in protection from:"] + shown.map { "  " + $0 }
            + (nameLines.count > shown.count ? ["  ..."] : []) + [KeyBindings.hint(for: .unprotectConfirmation)]
        let title = "Unprotect \(model.targetsText(targets, in: state))?"
        let area = box(width: 46, lines: lines.count, role: .dangerousDialog, title: title, into: &frame)
        for (index, text) in lines.prefix(area.lines).enumerated() {
            frame.write(text, x: area.x, y: area.y + index, role: .dangerousDialog, maxWidth: area.width, ellipsis: true)
        }
    }

    private static func drawFaultMenu(_ menu: FaultMenu, state: DashboardState, into frame: inout Frame) {
        let options = FaultMenu.options(faultKinds: state.faultKinds)
        let name = state.task(menu.target)?.displayName ?? "task \(menu.target)"
        let current = "now: \(state.faults[menu.target] ?? "none")"
        var lines = options.enumerated().map { index, option in
            (index < 9 ? "\(index + 1) " : index == 9 ? "0 " : "  ") + option
        }
        lines.append(current)
        lines.append(KeyBindings.hint(for: .faultMenu, separator: ", "))
        drawMenu(lines, choices: options.count, highlighted: menu.highlighted, title: "Fault for \(name)", into: &frame)
    }

    private static func drawColumnMenu(highlighted: Int, state: DashboardState, into frame: inout Frame) {
        var lines = TableColumn.allCases.enumerated().map { index, column in
            "\(index + 1) [\(state.hiddenColumns.contains(column) ? " " : "x")] \(column.heading)"
        }
        lines.append(KeyBindings.hint(for: .columnMenu, separator: ", "))
        drawMenu(lines, choices: TableColumn.allCases.count, highlighted: highlighted, title: "Columns", into: &frame)
    }

    /// A boxed menu: its first `choices` lines can be highlighted, the lines after them are notes.
    private static func drawMenu(_ lines: [String], choices: Int, highlighted: Int, title: String, into frame: inout Frame) {
        let width = lines.map(DisplayWidth.of).max() ?? 0
        let area = box(width: width + 2, lines: lines.count, role: .dialog, title: title, into: &frame)
        for (index, text) in lines.prefix(area.lines).enumerated() {
            let isHighlighted = index == highlighted
            let role: StyleRole = isHighlighted ? .selection : index < choices ? .dialog : .muted
            if isHighlighted { frame.fill(x: area.x, y: area.y + index, width: area.width, height: 1, role: role) }
            frame.write((isHighlighted ? "> " : "  ") + text, x: area.x, y: area.y + index, role: role, maxWidth: area.width, ellipsis: true)
        }
    }
}
