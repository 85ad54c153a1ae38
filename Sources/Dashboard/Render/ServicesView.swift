import ProtectionCore
import TerminalUI

/// The services view (`:svc`): one row per service with its counts, protected tasks against the
/// desired count, rollout and verdict; below, the selected service's deployments and its verdict
/// in full.
enum ServicesView {
    static let numberWidth = 4
    static let protectedWidth = 7
    static let rolloutWidth = 11

    static func draw(_ state: DashboardState, layout: ScreenLayout, into frame: inout Frame) {
        let top = ScreenLayout.tableTop
        let bottom = layout.statusRow
        guard state.ecsCluster != nil else {
            frame.write(DashboardState.noServiceContext, x: 1, y: top, role: .muted, maxWidth: frame.width - 2, ellipsis: true)
            return
        }
        var y = top
        if let problem = state.servicesProblem {
            for line in ColumnText.wrap("services: " + problem, width: frame.width - 2).prefix(3) {
                frame.write(line, x: 1, y: y, role: .error)
                y += 1
            }
            y += 1
        }
        let services = state.serviceList
        guard !services.isEmpty else {
            if state.servicesProblem == nil {
                frame.write(state.services == nil ? "reading services…" : "no services in this cluster", x: 1, y: y, role: .muted)
            }
            return
        }
        let nameWidth = min(24, max(8, services.map { DisplayWidth.of($0.name) }.max() ?? 8))
        let columns = Columns(nameWidth: nameWidth)
        // Headings above the table's first row, or below the problem when there is one.
        drawHeadings(columns, y: y == top ? top - 1 : y, into: &frame)
        if y > top { y += 1 }
        let selected = state.selectedService?.name
        let details = detailLines(state.selectedService, state: state, width: frame.width)
        let tableRows = max(1, bottom - y - details.count - 1)
        let selectedIndex = services.firstIndex { $0.name == selected } ?? 0
        let offset = min(max(0, selectedIndex - tableRows + 1), max(0, services.count - tableRows))
        for (line, service) in services.dropFirst(offset).prefix(tableRows).enumerated() {
            drawRow(service, selected: service.name == selected, columns: columns, state: state, y: y + line, into: &frame)
        }
        var detailY = y + min(tableRows, services.count) + 1
        guard detailY < bottom else { return }
        frame.write(String(repeating: "─", count: frame.width), x: 0, y: detailY - 1, role: .border)
        for (text, role) in details where detailY < bottom {
            frame.write(text, x: 1, y: detailY, role: role, maxWidth: frame.width - 2, ellipsis: true)
            detailY += 1
        }
    }

    struct Columns {
        let name = 2
        let nameWidth: Int
        var desired: Int { name + nameWidth + 1 }
        var running: Int { desired + numberWidth + 1 }
        var pending: Int { running + numberWidth + 1 }
        var protected: Int { pending + numberWidth + 1 }
        var rollout: Int { protected + protectedWidth + 1 }
        var verdict: Int { rollout + rolloutWidth + 1 }
    }

    private static func drawHeadings(_ columns: Columns, y: Int, into frame: inout Frame) {
        frame.clearRow(y, role: .border)
        frame.write("SERVICE", x: columns.name, y: y, role: .border)
        frame.write(" DES", x: columns.desired, y: y, role: .border)
        frame.write(" RUN", x: columns.running, y: y, role: .border)
        frame.write(" PEN", x: columns.pending, y: y, role: .border)
        frame.write("PROT", x: columns.protected, y: y, role: .border)
        frame.write("ROLLOUT", x: columns.rollout, y: y, role: .border)
        frame.write("WAITING ON PROTECTION", x: columns.verdict, y: y, role: .border, maxWidth: max(0, frame.width - columns.verdict))
    }

    private static func drawRow(_ service: ServiceStatus, selected: Bool, columns: Columns, state: DashboardState,
                                y: Int, into frame: inout Frame) {
        if selected { frame.write(">", x: 0, y: y, role: .selection) }
        frame.write(service.name, x: columns.name, y: y, role: .text, maxWidth: columns.nameWidth, ellipsis: true)
        frame.write(number(service.desired), x: columns.desired, y: y, role: .text)
        frame.write(number(service.running), x: columns.running, y: y, role: service.running > service.desired ? .expiringSoon : .text)
        frame.write(number(service.pending), x: columns.pending, y: y, role: .muted)
        let protected = state.protectedCount(of: service.name)
        frame.write("\(protected)/\(service.desired)", x: columns.protected, y: y,
                    role: protected >= service.desired && protected > 0 ? .expiringSoon : protected > 0 ? .protected : .muted,
                    maxWidth: protectedWidth)
        let rollout = service.rollout?.rolloutState ?? service.deployments.first?.rolloutState ?? "-"
        frame.write(rollout, x: columns.rollout, y: y, role: rollout == "IN_PROGRESS" ? .pending : rollout == "FAILED" ? .error : .muted,
                    maxWidth: rolloutWidth)
        if let verdict = state.verdict(of: service) {
            frame.write(verdict.text, x: columns.verdict, y: y, role: verdict.waits ? .failure : .expiringSoon,
                        maxWidth: max(0, frame.width - columns.verdict), ellipsis: true)
        } else {
            frame.write("-", x: columns.verdict, y: y, role: .muted)
        }
        if selected { frame.select(y: y) }
    }

    private static func number(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, numberWidth - text.count)) + text
    }

    /// The selected service's verdict in full and one line per deployment.
    static func detailLines(_ service: ServiceStatus?, state: DashboardState, width: Int) -> [(String, StyleRole)] {
        guard let service else { return [] }
        var lines: [(String, StyleRole)] = []
        if let verdict = state.verdict(of: service) {
            lines += ColumnText.wrap("\(service.name): \(verdict.text)", width: max(1, width - 2)).prefix(3)
                .map { ($0, verdict.waits ? StyleRole.failure : .expiringSoon) }
        } else {
            lines.append(("\(service.name): nothing waits on protection", .muted))
        }
        for deployment in service.deployments.prefix(4) {
            var text = "\(deployment.status) \(deployment.taskDefinition)  desired \(deployment.desired) running \(deployment.running)"
                + " pending \(deployment.pending)"
            if let state = deployment.rolloutState { text += "  \(state)" }
            if let reason = deployment.rolloutStateReason, !reason.isEmpty { text += ": \(reason)" }
            lines.append((text, deployment.status == "PRIMARY" ? .text : .muted))
        }
        return lines
    }
}
