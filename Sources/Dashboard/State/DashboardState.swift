import Foundation
import ProtectionCore

/// Everything the dashboard shows, changed only by ``DashboardReducer`` and drawn by
/// ``DashboardRenderer``. Time is never read here: it arrives through `.tick` events.
public struct DashboardState: Sendable, Equatable {
    /// One row per endpoint, in the order the endpoints were given (their `TargetID`s).
    public var tasks: [TaskRow]
    /// The selected task, by id so it survives sorting and filtering.
    public var selection: TargetID?
    /// Marked tasks; actions apply to the visible marked tasks, or to the selected one.
    public var marks: Set<TargetID> = []
    /// Case-insensitive substring matched against label, ARN and state.
    public var filterText: String = ""
    /// Row order.
    public var sortMode: SortMode = .label
    /// Whether the detail pane for the selected task is open.
    public var detailOpen: Bool = false
    /// What is drawn over the table and receives keys.
    public var overlay: Overlay = .none
    /// The last action's result.
    public var status: StatusMessage?
    /// Screen columns.
    public var width: Int
    /// Screen rows.
    public var height: Int
    /// The local clock, as of the last tick.
    public var now: Date
    /// The time zone expiry times are shown in (injectable so tests are stable).
    public var timeZone: TimeZone
    /// Agent clock minus local clock as the monitor last reported it: slewing toward its estimate,
    /// so countdowns never jump back.
    public var agentClock: ClockOffset = .zero
    /// How often each task is actually polled, after the request budget stretched it.
    public var effectiveInterval: TimeInterval
    /// Whether PUTs are refused.
    public var readOnly: Bool
    /// Whether the tasks are simulated (enables the fault keys).
    public var demo: Bool
    /// Fault kinds the demo simulator can inject.
    public var faultKinds: [String]
    /// The fault currently injected per task, as the simulator confirmed it.
    public var faults: [TargetID: String] = [:]
    /// Whether the simulated agent is down, as the simulator confirmed it.
    public var agentDown: Bool = false
    /// Protected tasks with less time left than this are shown as expiring soon.
    public var expiringSoonThreshold: TimeInterval = 600
    /// The colour themes `t` cycles through, by name; the runtime holds the themes themselves.
    public var themeNames: [String]
    /// The theme in use, an index into ``themeNames``.
    public var themeIndex: Int = 0
    /// The scenario being played (demo `--scenario`), for the header.
    public var scenario: ScenarioBanner?
    /// When each task's alerts fire (``LapseAlertPolicy``); its window is ``expiringSoonThreshold``.
    public var lapseWatches: [TargetID: LapseWatch] = [:]
    /// Rows flashing after an alert, until the time given.
    public var flashUntil: [TargetID: Date] = [:]
    /// Whether the events pane shows the latest events in the rows the table leaves free (`e`).
    public var eventsOpen = false
    /// Tasks kept protected (`K`), with what keep-protected knows about each.
    public var kept: [TargetID: KeepProtectedState] = [:]
    /// When kept tasks are renewed, and for how long.
    public var keepPolicy = KeepProtectedPolicy(periodMinutes: ProtectionChange.defaultMinutes)

    /// The cluster, when the tasks come from the ECS API (nil: agent endpoints).
    public var ecsCluster: String?
    /// ECS API calls per minute over the last minute, as the source measured them.
    public var callsPerMinute: Double?
    /// Why the last discovery of tasks failed, with what to do; nil when it worked.
    public var discoveryProblem: String?

    /// How many effective intervals without an answer make a row stale.
    public static let staleIntervals: Double = 3

    /// Creates the state for a set of endpoints; target ids are the endpoints' positions.
    public init(endpoints: [Endpoint], now: Date, timeZone: TimeZone = .current,
                width: Int = 80, height: Int = 24, pollInterval: TimeInterval = 2,
                readOnly: Bool = false, demo: Bool = false, faultKinds: [String] = [], themeNames: [String] = []) {
        self.tasks = endpoints.enumerated().map { TaskRow(id: $0.offset, endpoint: $0.element) }
        self.width = width
        self.height = height
        self.now = now
        self.timeZone = timeZone
        self.effectiveInterval = pollInterval
        self.readOnly = readOnly
        self.demo = demo
        self.faultKinds = faultKinds
        self.themeNames = themeNames
        self.selection = visibleTasks.first?.id
        if let theme = themeNames.first { status = StatusMessage("theme: \(theme) — press ? for help") }
    }

    /// Agent clock minus local clock at ``now``, in seconds.
    public var clockOffset: TimeInterval { agentClock.value(at: now) }

    /// The agent's clock now: local now corrected by the measured offset.
    public var agentNow: Date { agentClock.agentTime(at: now) }

    /// The row with this id.
    public func task(_ id: TargetID) -> TaskRow? {
        tasks.first { $0.id == id }
    }

    /// Seconds of protection left by the agent's clock, or nil when there is no expiry to count to.
    public func remaining(of row: TaskRow) -> TimeInterval? {
        guard let protection = row.protection, protection.enabled, let expiry = protection.expirationDate else { return nil }
        return expiry.timeIntervalSince(agentNow)
    }

    /// The local instant after ``now`` at which the row's countdown (or its state, when it lapses)
    /// next shows something else, nil when nothing about it will change by itself. A UI that wakes
    /// then, instead of on the local clock's second, shows every value once and on time.
    public func nextCountdownChange(of row: TaskRow) -> Date? {
        guard let protection = row.protection, protection.enabled, let expiry = protection.expirationDate,
              !protection.hasImplausibleExpiration(at: agentNow) else { return nil }
        return agentClock.nextCountdownChange(until: expiry, after: now)
    }

    /// When the row's protection ends by the local clock (the agent's expiry less the clock offset).
    public func localExpiry(of row: TaskRow) -> Date? {
        guard let protection = row.protection, protection.enabled, let expiry = protection.expirationDate else { return nil }
        return expiry.addingTimeInterval(-clockOffset)
    }

    /// When the kept task `target` is renewed next (local clock), nil when it is not kept or not confirmed yet.
    public func nextRenewal(of target: TargetID) -> Date? {
        guard let keep = kept[target] else { return nil }
        switch keepPolicy.decide(keep, now: now) {
        case .wait(let until): return until
        case .renewNow: return now
        case .waitForPending: return nil
        }
    }

    /// The latest `count` events of every task, newest last: each row's history merged by time.
    public func latestEvents(_ count: Int) -> [(label: String, activity: TaskActivity)] {
        guard count > 0 else { return [] }
        let all = tasks.flatMap { row in row.activity.prefix(count).map { (label: row.displayName, activity: $0) } }
        return Array(all.sorted { $0.activity.at < $1.activity.at }.suffix(count))
    }

    /// Whether the row flashes now (an alert fired in the last second).
    public func isFlashing(_ target: TargetID) -> Bool {
        flashUntil[target].map { now < $0 } ?? false
    }

    /// Protected tasks inside the alert window (`--alert-before`), for the header.
    public var lapsingSoonCount: Int {
        lapseWatches.values.filter { $0.isLapsingSoon(now: now) }.count
    }

    /// What the row's state column says.
    public func displayState(of row: TaskRow) -> TaskDisplayState {
        if row.gone { return .gone }
        return row.isPending ? .pending : protectionState(of: row)
    }

    /// The state the last answer established, ignoring a PUT in flight.
    public func protectionState(of row: TaskRow) -> TaskDisplayState {
        guard let protection = row.protection else { return .unknown }
        guard protection.enabled else { return .unprotected }
        guard let remaining = remaining(of: row) else { return .protected }
        if remaining <= 0 { return .lapsed }
        return remaining < expiringSoonThreshold ? .expiringSoon : .protected
    }

    /// Whether the row's last answer is older than ``staleIntervals`` effective intervals.
    public func isStale(_ row: TaskRow) -> Bool {
        guard let last = row.lastAnswerAt else { return false }
        return now.timeIntervalSince(last) > Self.staleIntervals * effectiveInterval
    }

    /// The rows that pass the filter, in the current sort order.
    public var visibleTasks: [TaskRow] {
        let needle = filterText.lowercased()
        let filtered = needle.isEmpty ? tasks : tasks.filter { matches($0, needle: needle) }
        return filtered.sorted(by: sortComparator)
    }

    /// The selected row's position among the visible rows.
    public var selectedVisibleIndex: Int? {
        guard let selection else { return nil }
        return visibleTasks.firstIndex { $0.id == selection }
    }

    /// The tasks an action applies to: the visible marked tasks, else the selected visible task.
    public var actionTargets: [TargetID] {
        let visible = visibleTasks
        let marked = visible.filter { marks.contains($0.id) }.map(\.id)
        if !marked.isEmpty { return marked }
        guard let selection, visible.contains(where: { $0.id == selection }) else { return [] }
        return [selection]
    }

    private func matches(_ row: TaskRow, needle: String) -> Bool {
        var haystacks = [row.displayName, row.taskArn ?? "", displayState(of: row).rawValue]
        if displayState(of: row) == .expiringSoon { haystacks.append(TaskDisplayState.protected.rawValue) }
        if isStale(row) { haystacks.append("stale") }
        return haystacks.contains { $0.lowercased().contains(needle) }
    }

    private func sortComparator(_ lhs: TaskRow, _ rhs: TaskRow) -> Bool {
        switch sortMode {
        case .label:
            break
        case .remaining:
            // Tasks with a countdown first, soonest first; the rest after, by label.
            let left = remaining(of: lhs) ?? .infinity
            let right = remaining(of: rhs) ?? .infinity
            if left != right { return left < right }
        case .state:
            let left = displayState(of: lhs).sortRank
            let right = displayState(of: rhs).sortRank
            if left != right { return left < right }
        }
        let leftName = lhs.displayName.lowercased()
        let rightName = rhs.displayName.lowercased()
        return leftName != rightName ? leftName < rightName : lhs.id < rhs.id
    }
}
