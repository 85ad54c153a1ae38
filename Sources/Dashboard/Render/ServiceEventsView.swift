import ProtectionCore
import TerminalUI

/// The service events view (`:events`) and pane: the services' ECS events, newest first; those
/// about scale-in, stopping, draining or protection stand out.
enum ServiceEventsView {
    static func draw(_ state: DashboardState, layout: ScreenLayout, into frame: inout Frame) {
        let top = ScreenLayout.tableTop - 1
        frame.clearRow(top, role: .border)
        frame.write("TIME", x: 1, y: top, role: .border)
        frame.write("SERVICE", x: 10, y: top, role: .border)
        guard state.ecsCluster != nil else {
            frame.write(DashboardState.noServiceContext, x: 1, y: top + 1, role: .muted, maxWidth: frame.width - 2, ellipsis: true)
            return
        }
        let rows = layout.statusRow - top - 1
        let events = state.serviceEvents(limit: max(0, rows))
        if let problem = state.servicesProblem, events.isEmpty {
            frame.write("services: " + problem, x: 1, y: top + 1, role: .error, maxWidth: frame.width - 2, ellipsis: true)
            return
        }
        if events.isEmpty {
            frame.write(state.services == nil ? "reading services…" : "no service events yet", x: 1, y: top + 1, role: .muted)
            return
        }
        let serviceWidth = max(DisplayWidth.of("SERVICE"), min(16, events.map { DisplayWidth.of($0.service) }.max() ?? 0))
        frame.write("MESSAGE", x: 11 + serviceWidth, y: top, role: .border)
        for (offset, entry) in events.enumerated() {
            let y = top + 1 + offset
            frame.write(TimeText.clock(entry.event.createdAt, in: state.timeZone), x: 1, y: y, role: .muted)
            frame.write(entry.service, x: 10, y: y, role: .text, maxWidth: serviceWidth, ellipsis: true)
            frame.write(entry.event.message, x: 11 + serviceWidth, y: y, role: entry.event.concernsProtection ? .expiringSoon : .text,
                        maxWidth: max(0, frame.width - 12 - serviceWidth), ellipsis: true)
        }
    }
}
