import Foundation
import ProtectionCore
import TerminalUI

/// The title line (product, counts, badges) and the info line (poll interval, clock offset,
/// sort, filter, marks, demo agent status).
enum HeaderView {
    static func draw(_ state: DashboardState, into frame: inout Frame) {
        frame.clearRow(0, role: .header)
        var right = frame.width
        if state.demo { right = badge("DEMO", role: .demoBadge, right: right, into: &frame) }
        if state.readOnly { right = badge("READ-ONLY", role: .readOnlyBadge, right: right, into: &frame) }
        frame.write(titleText(state), x: 1, y: 0, role: .header, maxWidth: max(0, right - 2))

        frame.clearRow(1, role: .muted)
        var x = 1
        for (text, role) in infoParts(state) {
            let written = frame.write(text, x: x, y: 1, role: role, maxWidth: max(0, frame.width - x))
            x += written + 2
        }
    }

    /// "ecs-protect  8 tasks: 4 protected, 2 unprotected, 3 failing", by the last answers
    /// (a PUT in flight does not change the counts until it is confirmed).
    static func titleText(_ state: DashboardState) -> String {
        let counts = state.counts
        return "ecs-protect  \(Wording.tasks(state.tasks.count)): \(counts.protected) protected, \(counts.unprotected) unprotected, \(counts.failing) failing"
    }

    private static func infoParts(_ state: DashboardState) -> [(String, StyleRole)] {
        var parts: [(String, StyleRole)] = []
        if let cluster = state.ecsCluster {
            let rate = state.callsPerMinute.map { $0 < 10 ? String(format: "%.1f", $0) : String(Int($0.rounded())) } ?? "-"
            parts.append(("ECS API \(cluster): \(rate) calls/min", .muted))
        }
        parts.append(("poll every \(TimeText.interval(state.effectiveInterval))", .muted))
        if let problem = state.discoveryProblem { parts.append(("discovery failed: \(problem)", .error)) }
        let lapsingSoon = state.lapsingSoonCount
        if lapsingSoon > 0 { parts.append(("\(lapsingSoon) lapsing soon", .expiringSoon)) }
        if abs(state.clockOffset) >= 1 { parts.append(("agent clock \(TimeText.offset(state.clockOffset))", .muted)) }
        if state.agentClock.rejectedMeasurement != nil { parts.append(("agent clock absurd, ignored", .error)) }
        parts.append(("sort: \(state.sortMode.rawValue)", .muted))
        if !state.filterText.isEmpty {
            parts.append(("filter: \(state.filterText) (\(state.visibleIDs.count)/\(state.tasks.count))", .text))
        }
        if !state.marks.isEmpty { parts.append(("\(state.marks.count) marked", .marked)) }
        if !state.kept.isEmpty {
            let next = state.kept.keys.compactMap { state.nextRenewal(of: $0) }.min()
            let when = next.map { ", next renewal \(TimeText.clock($0, in: state.timeZone))" } ?? ""
            parts.append(("\(state.kept.count) kept\(when)", .marked))
        }
        if state.demo && state.agentDown { parts.append(("\(state.simulatedService.uppercased()) DOWN", .error)) }
        if let scenario = state.scenario { parts.append((scenarioText(scenario, now: state.now), .text)) }
        return parts
    }

    /// "scenario: NAME, next in 45s: agent down" or "scenario: NAME, all steps done".
    static func scenarioText(_ scenario: ScenarioBanner, now: Date) -> String {
        guard let step = scenario.nextStep else { return "scenario: \(scenario.name), all steps done" }
        let due = scenario.nextAt.map { max(0, $0.timeIntervalSince(now)) } ?? 0
        return "scenario: \(scenario.name), next in \(CountdownText.format(seconds: due.rounded(.up))): \(step)"
    }

    private static func badge(_ text: String, role: StyleRole, right: Int, into frame: inout Frame) -> Int {
        frame.writeRightAligned(" \(text) ", right: right, y: 0, role: role) - 1
    }
}
