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

    /// "ecs-protect  8 tasks: 4 protected, 2 unprotected, 1 lapsed, 1 unknown": buckets that sum to
    /// the total, each task in exactly one, by the last answers (a PUT in flight does not move a
    /// task until it is confirmed). Protected and unprotected are always said; the others when
    /// there are any.
    static func titleText(_ state: DashboardState) -> String {
        let counts = state.counts
        var buckets = ["\(counts.protected) protected", "\(counts.unprotected) unprotected"]
        if counts.lapsed > 0 { buckets.append("\(counts.lapsed) lapsed") }
        if counts.unknown > 0 { buckets.append("\(counts.unknown) unknown") }
        if counts.gone > 0 { buckets.append("\(counts.gone) gone") }
        return "ecs-protect  \(Wording.tasks(counts.total)): " + buckets.joined(separator: ", ")
    }

    /// The failing sources in one phrase, the first failing first: "agent 10.0.0.5:51678 failing
    /// for 12s: ConnectionRefused", "ECS API: no answer for 100 tasks for 40s: ThrottlingException",
    /// or "3 sources failing, the first for 40s: ConnectionRefused".
    static func sourceHealthText(_ state: DashboardState) -> String? {
        var failing: [(name: String, code: String, since: Date, tasks: Int?)] =
            state.failingSources.values.map { ($0.name, $0.code, $0.since, nil) }
        for (name, fault) in state.counts.sourceFaults where state.failingSources[name] == nil {
            failing.append((name, fault.first.code, fault.first.at, fault.count))
        }
        guard let first = failing.min(by: { $0.since < $1.since }) else { return nil }
        let age = TimeText.age(state.now.timeIntervalSince(first.since))
        guard failing.count == 1 else { return "\(failing.count) sources failing, the first for \(age): \(first.code)" }
        if let tasks = first.tasks { return "\(first.name): no answer for \(Wording.tasks(tasks)) for \(age): \(first.code)" }
        return "\(first.name) failing for \(age): \(first.code)"
    }

    /// The sub-counts, each in its own words, only when there are any.
    static func subCountTexts(_ counts: TaskCounts) -> [(String, StyleRole)] {
        var parts: [(String, StyleRole)] = []
        if counts.lapsingSoon > 0 { parts.append(("\(counts.lapsingSoon) lapsing soon", .expiringSoon)) }
        if counts.stale > 0 { parts.append(("\(counts.stale) stale", .stale)) }
        if counts.failedAction > 0 { parts.append(("\(counts.failedAction) failed last action", .error)) }
        if counts.readProblems > 0 { parts.append(("\(counts.readProblems) with read problems", .failure)) }
        return parts
    }

    private static func infoParts(_ state: DashboardState) -> [(String, StyleRole)] {
        var parts: [(String, StyleRole)] = []
        // What is failing comes first, so a narrow header still says it.
        if state.demo && state.agentDown { parts.append(("\(state.simulatedService.uppercased()) DOWN", .error)) }
        if let health = sourceHealthText(state) { parts.append((health, .error)) }
        if let problem = state.discoveryProblem { parts.append(("discovery failed: \(problem)", .error)) }
        parts += subCountTexts(state.counts)
        if state.onlyFailedActions { parts.append(("showing failed last actions (F: all)", .text)) }
        if let cluster = state.ecsCluster {
            let rate = state.callsPerMinute.map { $0 < 10 ? String(format: "%.1f", $0) : String(Int($0.rounded())) } ?? "-"
            parts.append(("ECS API \(cluster): \(rate) calls/min", .muted))
        }
        parts.append(("poll every \(TimeText.interval(state.effectiveInterval))", .muted))
        if abs(state.clockOffset) >= 1 { parts.append(("agent clock \(TimeText.offset(state.clockOffset))", .muted)) }
        if state.agentClock.rejectedMeasurement != nil { parts.append(("agent clock absurd, ignored", .error)) }
        parts.append(("sort: \(state.sortMode.rawValue)", .muted))
        if !state.filterText.isEmpty {
            parts.append(("filter: \(state.filterText) (\(state.visibleIDs.count)/\(state.tasks.count))", .text))
        }
        if !state.marks.isEmpty { parts.append(("\(state.marks.count) marked", .marked)) }
        if !state.kept.isEmpty {
            let active = state.kept.filter { !$0.value.paused }
            if !active.isEmpty {
                let next = active.keys.compactMap { state.nextRenewal(of: $0) }.min()
                let when = next.map { ", next renewal \(TimeText.clock($0, in: state.timeZone))" } ?? ""
                parts.append(("\(active.count) kept\(when)", .marked))
            }
            let paused = state.kept.count - active.count
            if paused > 0 { parts.append(("\(paused) keep paused", .error)) }
        }
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
