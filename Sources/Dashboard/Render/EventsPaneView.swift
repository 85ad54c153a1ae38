import TerminalUI

/// The latest events of every task, in the rows the table leaves free (`e`); the detail pane
/// keeps each task's own history.
enum EventsPaneView {
    /// Draws the pane when it is open, the detail pane is closed and at least two rows are free.
    static func draw(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout, into frame: inout Frame) {
        guard state.eventsOpen, !state.detailOpen else { return }
        let used = min(model.tableLines(in: state).count, layout.tableHeight)
        let top = ScreenLayout.tableTop + used + 1
        let rows = ScreenLayout.tableTop + layout.tableHeight - top
        guard rows >= 2 else { return }
        frame.write(String(repeating: "─", count: frame.width), x: 0, y: top, role: .border)
        frame.write(" events ", x: 2, y: top, role: .border)
        let events = state.latestEvents(rows - 1)
        if events.isEmpty { frame.write("nothing yet", x: 1, y: top + 1, role: .muted) }
        let labelWidth = min(20, events.map { DisplayWidth.of($0.label) }.max() ?? 0)
        for (offset, event) in events.enumerated() {
            let y = top + 1 + offset
            frame.write(TimeText.clock(event.activity.at, in: state.timeZone), x: 1, y: y, role: .muted)
            frame.write(event.label, x: 10, y: y, role: .text, maxWidth: labelWidth, ellipsis: true)
            frame.write(event.activity.text, x: 11 + labelWidth, y: y, role: DetailPaneView.role(of: event.activity.kind),
                        maxWidth: max(0, frame.width - 12 - labelWidth), ellipsis: true)
        }
    }
}
