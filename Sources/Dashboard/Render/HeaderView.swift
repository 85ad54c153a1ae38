import FoundationEssentials
import ProtectionCore
import TerminalUI

/// The title line (product, counts, badges) and the info line (outages, sub-counts, filter,
/// calls, clock, marks, keep, scenario, poll interval, sort, and the row range at the right).
/// Every item is a ``HeaderItem`` with a priority and a short form, laid out by ``HeaderItem/fit(_:width:)``.
enum HeaderView {
    /// Everything the title line is drawn from.
    struct TitleKey: Equatable, Sendable {
        var counts: TaskCounts
        var demo: Bool
        var readOnly: Bool
        var replay: Bool
        var viewBadge: String?
    }

    /// Everything the info line is drawn from.
    struct InfoKey: Equatable, Sendable {
        var range: String?
        var items: [HeaderItem]
    }

    static func draw(_ state: DashboardState, model: DashboardViewModel, layout: ScreenLayout, into frame: inout Frame,
                     memo: inout RenderMemo) {
        // Counted once per frame: every item below reads the same tally.
        let counts = model.counts(in: state)
        // The view in use, by its `:` name: always with a cluster (where the views differ), and
        // whenever another view than the tasks is shown.
        let viewBadge = state.view != .tasks || state.ecsCluster != nil ? ":" + state.view.rawValue : nil
        let title = TitleKey(counts: counts, demo: state.demo, readOnly: state.readOnly, replay: state.isReplay, viewBadge: viewBadge)
        memo.title.draw(title, row: 0, into: &frame) { frame in drawTitle(title, into: &frame) }

        let info = InfoKey(range: TaskTableView.rangeText(state, model: model, layout: layout),
                           items: infoItems(state, counts: counts, visibleCount: model.visibleIDs(in: state).count))
        memo.info.draw(info, row: 1, into: &frame) { frame in
            frame.clearRow(1, role: .muted)
            var infoRight = frame.width - 1
            if let range = info.range {
                infoRight = frame.writeRightAligned(range, right: frame.width - 1, y: 1, role: .muted) - 2
            }
            HeaderItem.draw(info.items, x: 1, right: infoRight, y: 1, into: &frame)
        }
    }

    private static func drawTitle(_ title: TitleKey, into frame: inout Frame) {
        frame.clearRow(0, role: .header)
        var right = frame.width
        if title.demo { right = badge("DEMO", role: .demoBadge, right: right, into: &frame) }
        if title.readOnly { right = badge("READ-ONLY", role: .readOnlyBadge, right: right, into: &frame) }
        if title.replay { right = badge("REPLAY", role: .readOnlyBadge, right: right, into: &frame) }
        if let viewBadge = title.viewBadge { right = badge(viewBadge, role: .muted, right: right, into: &frame) }
        HeaderItem.draw(titleItems(title.counts), x: 1, right: right - 1, y: 0, into: &frame)
    }

    /// The product name gives way first; the counts are always said, in short words if need be.
    static func titleItems(_ counts: TaskCounts) -> [HeaderItem] {
        [HeaderItem("ecs-protect", role: .header, priority: 10),
         HeaderItem(countsText(counts, short: false), short: countsText(counts, short: true),
                    role: .header, priority: HeaderItem.always)]
    }

    /// "8 tasks: 4 protected, 2 unprotected, 1 lapsed, 1 unknown": buckets that sum to the total,
    /// each task in exactly one, by the last answers (a PUT in flight does not move a task until
    /// it is confirmed). Protected and unprotected are always said; the others when there are any.
    /// The short form keeps every bucket, so the numbers still sum to the total.
    static func countsText(_ counts: TaskCounts, short: Bool) -> String {
        var buckets = ["\(counts.protected) \(short ? "prot" : "protected")", "\(counts.unprotected) \(short ? "unprot" : "unprotected")"]
        if counts.lapsed > 0 { buckets.append("\(counts.lapsed) lapsed") }
        if counts.unknown > 0 { buckets.append("\(counts.unknown) \(short ? "unkn" : "unknown")") }
        if counts.gone > 0 { buckets.append("\(counts.gone) gone") }
        return "\(Wording.tasks(counts.total)): " + buckets.joined(separator: ", ")
    }

    /// The failing sources in one phrase, the first failing first: "agent 10.0.0.5:51678 failing
    /// for 12s: ConnectionRefused", "ECS API: no answer for 100 tasks for 40s: ThrottlingException",
    /// or "3 sources failing, the first for 40s: ConnectionRefused".
    /// The short form keeps who and why: "agent 10.0.0.5:51678: ConnectionRefused".
    static func sourceHealthText(_ state: DashboardState, counts: TaskCounts, short: Bool = false) -> String? {
        var failing: [(name: String, code: String, since: Date, tasks: Int?)] =
            state.failingSources.values.map { ($0.name, $0.code, $0.since, nil) }
        for (name, fault) in counts.sourceFaults where state.failingSources[name] == nil {
            failing.append((name, fault.first.code, fault.first.at, fault.count))
        }
        guard let first = failing.min(by: { $0.since < $1.since }) else { return nil }
        // An expired sign-in: its line names the command that ends the outage.
        if !short, first.code == ProblemHint.signInRequiredCode, let line = state.failingSources[first.name]?.message { return line }
        let age = TimeText.age(state.now.timeIntervalSince(first.since))
        if short { return failing.count == 1 ? "\(first.name): \(first.code)" : "\(failing.count) sources failing: \(first.code)" }
        guard failing.count == 1 else { return "\(failing.count) sources failing, the first for \(age): \(first.code)" }
        if let tasks = first.tasks { return "\(first.name): no answer for \(Wording.tasks(tasks)) for \(age): \(first.code)" }
        return "\(first.name) failing for \(age): \(first.code)"
    }

    /// The sub-counts, each in its own words, only when there are any.
    static func subCountItems(_ counts: TaskCounts) -> [HeaderItem] {
        var items: [HeaderItem] = []
        if counts.lapsingSoon > 0 {
            items.append(HeaderItem("\(counts.lapsingSoon) lapsing soon", short: "\(counts.lapsingSoon) lapsing", role: .expiringSoon, priority: 80))
        }
        if counts.stale > 0 { items.append(HeaderItem("\(counts.stale) stale", role: .stale, priority: 70)) }
        if counts.failedAction > 0 {
            items.append(HeaderItem("\(counts.failedAction) failed last action", short: "\(counts.failedAction) failed", role: .error, priority: 75))
        }
        if counts.readProblems > 0 {
            items.append(HeaderItem("\(counts.readProblems) with read problems", short: "\(counts.readProblems) read problems",
                                    role: .failure, priority: 75))
        }
        return items
    }

    /// The info line, in reading order. Outages and an active filter are pinned; the rest give way
    /// by priority: what needs an operator's attention before what describes the view.
    static func infoItems(_ state: DashboardState, counts: TaskCounts, visibleCount: Int) -> [HeaderItem] {
        var items: [HeaderItem] = []
        let always = HeaderItem.always
        if let replay = state.replay {
            items.append(HeaderItem(replayText(replay, state: state), short: replayText(replay, state: state, short: true),
                                    role: .text, priority: always))
        }
        if state.demo && state.agentDown {
            items.append(HeaderItem("\(state.simulatedService.uppercased()) DOWN", role: .error, priority: always))
        }
        if let health = sourceHealthText(state, counts: counts) {
            items.append(HeaderItem(health, short: sourceHealthText(state, counts: counts, short: true), role: .error, priority: always))
        }
        if let problem = state.discoveryProblem {
            items.append(HeaderItem("discovery failed: \(problem)", short: "discovery failed", role: .error, priority: always))
        }
        items += subCountItems(counts)
        if state.quickFilter == .failedAction {
            items.append(HeaderItem("showing failed last actions (F: all)", short: "failed only (F)", role: .text, priority: always))
        } else if let quick = state.quickFilter {
            items.append(HeaderItem("view: \(quick.rawValue) (v: next)", short: "view: \(quick.rawValue)", role: .text, priority: always))
        }
        if let service = state.serviceFilter {
            // Enter on a service in the services view: only its tasks, until :task or Esc there.
            items.append(HeaderItem("service: \(service)", short: "svc \(service)", role: .text, priority: always))
        }
        if !state.filterText.isEmpty {
            let shown = "(\(visibleCount)/\(state.tasks.count))"
            items.append(HeaderItem("filter: \(state.filterText) \(shown)", short: "/\(state.filterText) \(shown)", role: .text, priority: always))
        }
        if let cluster = state.ecsCluster {
            let calls = CallsText.of(state)
            items.append(HeaderItem("ECS API \(cluster): \(calls)", short: calls, role: .muted, priority: 40))
        }
        if state.agentClock.rejectedMeasurement != nil {
            items.append(HeaderItem("agent clock absurd, ignored", short: "clock absurd", role: .error, priority: 85))
        }
        if let offset = clockOffsetText(state) {
            items.append(HeaderItem("agent clock \(offset)", short: "clock \(offset)", role: .muted, priority: 35))
        }
        if !state.marks.isEmpty { items.append(HeaderItem("\(state.marks.count) marked", role: .marked, priority: 65)) }
        if state.keepMarks { items.append(HeaderItem("marks kept (M)", role: .marked, priority: 64)) }
        items += keepItems(state)
        if let scenario = state.scenario {
            items.append(HeaderItem(scenarioText(scenario, now: state.now), short: scenarioText(scenario, now: state.now, short: true),
                                    role: .text, priority: 50))
        }
        let interval = TimeText.interval(state.effectiveInterval)
        items.append(HeaderItem("poll every \(interval)", short: "poll \(interval)", role: .muted, priority: 20))
        items.append(HeaderItem("sort: \(state.sortText)\(state.groupByService ? ", by service" : "")", role: .muted, priority: 15))
        return items
    }

    /// "+3s": the agent clock's offset, when it is a second or more.
    static func clockOffsetText(_ state: DashboardState) -> String? {
        let offset = state.clockOffset
        return abs(offset) >= 1 ? TimeText.offset(offset) : nil
    }

    /// Calls `body` with each instant after the state's clock at which a text of the header reads
    /// otherwise by time alone: the age of each failing source ("failing for 12s"; a source may
    /// fail before any of its tasks answered, so no row's age covers it) and the scenario's
    /// "next in 45s". The tally, which the clock also moves, is compared rather than foreseen.
    static func forEachTimeChange(_ state: DashboardState, counts: TaskCounts, _ body: (Date) -> Void) {
        let now = state.now
        for health in state.failingSources.values { body(DashboardViewModel.nextAgeChange(since: health.since, after: now)) }
        for fault in counts.sourceFaults.values { body(DashboardViewModel.nextAgeChange(since: fault.first.at, after: now)) }
        // Rounded up: it reads one second less at each whole second before the step.
        if let nextAt = state.scenario?.nextAt, state.scenario?.nextStep != nil, nextAt > now {
            let shown = nextAt.timeIntervalSince(now).rounded(.up)
            body(nextAt.addingTimeInterval(-(shown - 1)))
        }
    }

    /// The time cursor: "replay 03:47:12 +1m05s of 6m00s, playing 10x, event 34/105" (paused: "PAUSED").
    /// The short form keeps the clock, the state and the speed.
    static func replayText(_ replay: ReplayStatus, state: DashboardState, short: Bool = false) -> String {
        let clock = TimeText.clock(replay.cursor, in: state.timeZone)
        let mode = replay.paused ? "PAUSED" : "playing"
        if short { return "\(clock) \(mode) \(replay.speed)x" }
        let elapsed = CountdownText.format(seconds: max(0, replay.cursor.timeIntervalSince(replay.start)).rounded(.down))
        let length = CountdownText.format(seconds: max(0, replay.end.timeIntervalSince(replay.start)).rounded(.up))
        return "replay \(clock) +\(elapsed) of \(length), \(mode) \(replay.speed)x, event \(replay.played)/\(replay.total)"
    }

    /// "2 kept, next renewal 12:00:00" and "1 keep paused" (an error: it renews nothing).
    static func keepItems(_ state: DashboardState) -> [HeaderItem] {
        guard !state.kept.isEmpty else { return [] }
        var items: [HeaderItem] = []
        let active = state.kept.filter { !$0.value.paused }
        if !active.isEmpty {
            let next = active.keys.compactMap { state.nextRenewal(of: $0) }.min()
            let when = next.map { ", next renewal \(TimeText.clock($0, in: state.timeZone))" } ?? ""
            items.append(HeaderItem("\(active.count) kept\(when)", short: "\(active.count) kept", role: .marked, priority: 60))
        }
        let paused = state.kept.count - active.count
        if paused > 0 { items.append(HeaderItem("\(paused) keep paused", role: .error, priority: 90)) }
        return items
    }

    /// "scenario: NAME, next in 45s: agent down" or "scenario: NAME, all steps done".
    /// The short form leaves out the step: "scenario: next in 45s".
    static func scenarioText(_ scenario: ScenarioBanner, now: Date, short: Bool = false) -> String {
        guard let step = scenario.nextStep else { return short ? "scenario done" : "scenario: \(scenario.name), all steps done" }
        let due = scenario.nextAt.map { max(0, $0.timeIntervalSince(now)) } ?? 0
        let when = "next in \(CountdownText.format(seconds: due.rounded(.up)))"
        return short ? "scenario: \(when)" : "scenario: \(scenario.name), \(when): \(step)"
    }

    private static func badge(_ text: String, role: StyleRole, right: Int, into frame: inout Frame) -> Int {
        frame.writeRightAligned(" \(text) ", right: right, y: 0, role: role) - 1
    }
}
