import Foundation
import ProtectionCore
import TerminalUI

/// Everything the dashboard shows, changed only by ``DashboardReducer`` and drawn by
/// ``DashboardRenderer``. Time is never read here: it arrives through `.tick` events.
public struct DashboardState: Sendable, Equatable {
    /// One row per endpoint, in the order the endpoints were given (their `TargetID`s).
    public internal(set) var tasks: [TaskRow] { didSet { order.generation &+= 1 } }
    /// The selected task, by id so it survives sorting and filtering.
    public internal(set) var selection: TargetID?
    /// Marked tasks; actions apply to the visible marked tasks, or to the selected one.
    public internal(set) var marks: Set<TargetID> = []
    /// Whether marks stay after an action that used them (`M`); by default the action clears them.
    public internal(set) var keepMarks = false
    /// Case-insensitive substring matched against label, ARN and state.
    public internal(set) var filterText: String = ""
    /// Row order.
    public internal(set) var sortMode: SortMode = .label
    /// Whether the sort column runs from its largest value down (`I`); equal keys stay in label order.
    public internal(set) var sortDescending = false
    /// Whether rows are grouped by service under a header each (`S`); within a group, the sort applies.
    public internal(set) var groupByService = false
    /// Task table columns the operator hid (`c`, or `hidden-columns` in the config file).
    public internal(set) var hiddenColumns: Set<TableColumn> = []
    /// Whether the detail pane for the selected task is open.
    public internal(set) var detailOpen: Bool = false
    /// What is drawn over the table and receives keys.
    public internal(set) var overlay: Overlay = .none
    /// How many key lines the help has scrolled past (a small terminal shows part of the list).
    public internal(set) var helpScroll = 0
    /// The last action's result.
    public internal(set) var status: StatusMessage?
    /// Screen columns.
    public internal(set) var width: Int
    /// Screen rows.
    public internal(set) var height: Int
    /// The local clock, as of the last tick.
    public internal(set) var now: Date
    /// The time zone expiry times are shown in (injectable so tests are stable).
    public internal(set) var timeZone: TimeZone
    /// Agent clock minus local clock as the monitor last reported it: slewing toward its estimate,
    /// so countdowns never jump back.
    public internal(set) var agentClock: ClockOffset = .zero { didSet { order.generation &+= 1 } }
    /// How often each task is actually polled, after the request budget stretched it.
    public internal(set) var effectiveInterval: TimeInterval
    /// Whether PUTs are refused.
    public internal(set) var readOnly: Bool
    /// Whether the tasks are simulated (enables the fault keys).
    public internal(set) var demo: Bool
    /// Fault kinds the demo simulator can inject.
    public internal(set) var faultKinds: [String]
    /// The fault currently injected per task, as the simulator confirmed it.
    public internal(set) var faults: [TargetID: String] = [:]
    /// Whether the simulated agent (or, for tasks from the ECS API, the simulated ECS API) is
    /// down, as the simulator confirmed it.
    public internal(set) var agentDown: Bool = false

    /// What `D` takes down in the demo, in words: the ECS API when the tasks come from it.
    public var simulatedService: String { ecsCluster == nil ? "agent" : "ECS API" }
    /// Protected tasks with less time left than this are shown as expiring soon.
    public internal(set) var expiringSoonThreshold: TimeInterval = 600
    /// The colour themes `t` cycles through, by name; the runtime holds the themes themselves.
    public internal(set) var themeNames: [String]
    /// The theme in use, an index into ``themeNames``.
    public internal(set) var themeIndex: Int = 0
    /// The scenario being played (demo `--scenario`), for the header.
    public internal(set) var scenario: ScenarioBanner?
    /// When each task's alerts fire (``LapseAlertPolicy``); its window is ``expiringSoonThreshold``.
    public internal(set) var lapseWatches: [TargetID: LapseWatch] = [:]
    /// Rows flashing after an alert, until the time given.
    public internal(set) var flashUntil: [TargetID: Date] = [:]
    /// Whether the events pane shows the latest events in the rows the table leaves free (`e`).
    public internal(set) var eventsOpen = false
    /// Tasks kept protected (`K`), with what keep-protected knows about each.
    public internal(set) var kept: [TargetID: KeepProtectedState] = [:]
    /// When kept tasks are renewed, and for how long.
    public internal(set) var keepPolicy = KeepProtectedPolicy(periodMinutes: ProtectionChange.defaultMinutes)

    /// The cluster, when the tasks come from the ECS API (nil: agent endpoints).
    public internal(set) var ecsCluster: String?
    /// ECS API calls per minute over the last minute, as the source measured them.
    public internal(set) var callsPerMinute: Double?
    /// Before a minute of calls has passed: the calls sent so far and over how many seconds,
    /// shown as they are ("15 calls in 12 s") rather than extrapolated to a rate.
    public internal(set) var callsSoFar: (calls: Int, seconds: Int)? {
        get { callsSoFarCount.map { ($0, callsSoFarSeconds) } }
        set {
            callsSoFarCount = newValue?.calls
            callsSoFarSeconds = newValue?.seconds ?? 0
        }
    }
    private var callsSoFarCount: Int?
    private var callsSoFarSeconds = 0
    /// Why the last discovery of tasks failed, with what to do; nil when it worked.
    public internal(set) var discoveryProblem: String?
    /// Sources failing as a whole, by ``TaskRow/sourceName``: their tasks are all stale at once.
    public internal(set) var failingSources: [String: SourceHealth] = [:] { didSet { order.generation &+= 1 } }
    /// The action last sent to several tasks, followed until each answered, for its summary.
    public internal(set) var bulk: BulkAction?
    /// Lines of the events pane that belong to no one task (bulk summaries), oldest first.
    public internal(set) var notices: [TaskActivity] = []
    /// The one-key view in use (`v` cycles them, `F` toggles failed actions), nil for every row.
    public internal(set) var quickFilter: QuickFilter?
    /// A replay of a drill's record, not a live source: keys that would send a PUT are refused,
    /// and the replay keys move the time cursor.
    public internal(set) var isReplay = false
    /// Where the replay stands (the header's time cursor), once the replay has said.
    public internal(set) var replay: ReplayStatus?
    /// Which view fills the screen (`:task`, `:svc`, `:events`).
    public internal(set) var view: DashboardView = .tasks
    /// The cluster's services as last read (ECS API source); nil before the first read.
    public internal(set) var services: [ServiceStatus]?
    /// Why the services could not be read, with what to do; nil once they are read.
    public internal(set) var servicesProblem: String?
    /// The selected service in the services view, by name.
    public internal(set) var serviceSelection: String?
    /// Only this service's tasks in the task view (Enter on a service); nil: every task.
    public internal(set) var serviceFilter: String?
    /// The `:` command being typed.
    public internal(set) var commandText = ""
    /// Commands run, oldest first (at most ``commandHistoryLimit``), and where Up/Down stands in them.
    public internal(set) var commandHistory: [String] = []
    var commandHistoryPosition: Int?
    /// How many commands the history keeps.
    public static let commandHistoryLimit = 20
    /// The visible order as last computed; see ``refreshVisibleOrder()``.
    private var order = VisibleOrder()

    /// How many effective intervals without an answer make a row stale.
    public static let staleIntervals: Double = 3

    /// Creates the state for a set of endpoints; target ids are the endpoints' positions.
    ///
    /// Everything a session sets up is given here; afterwards only ``DashboardReducer`` changes the
    /// state (its fields are settable only inside this module).
    /// - Parameters:
    ///   - ecsCluster: the cluster when the tasks come from the ECS API (their rows arrive as events).
    ///   - alertBefore: seconds before an expiry that a task alerts and shows EXPIRING.
    ///   - eventsOpen: whether the events pane starts open (a drill shows its events from the start).
    public init(endpoints: [Endpoint], now: Date, timeZone: TimeZone = .current,
                width: Int = 80, height: Int = 24, pollInterval: TimeInterval = 2,
                readOnly: Bool = false, demo: Bool = false, faultKinds: [String] = [], themeNames: [String] = [],
                ecsCluster: String? = nil, alertBefore: TimeInterval = 600, eventsOpen: Bool = false, replay: Bool = false,
                hiddenColumns: Set<TableColumn> = []) {
        self.hiddenColumns = hiddenColumns
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
        self.ecsCluster = ecsCluster
        self.expiringSoonThreshold = alertBefore
        self.eventsOpen = eventsOpen
        self.isReplay = replay
        refreshVisibleOrder()
        self.selection = visibleIDs.first
        if let theme = themeNames.first { status = StatusMessage("theme: \(theme) — press ? for help") }
    }

    /// Agent clock minus local clock at ``now``, in seconds.
    public var clockOffset: TimeInterval { agentClock.value(at: now) }

    /// The agent's clock now: local now corrected by the measured offset.
    public var agentNow: Date { agentClock.agentTime(at: now) }

    /// The row with this id.
    public func task(_ id: TargetID) -> TaskRow? {
        index(of: id).map { tasks[$0] }
    }

    /// Where the row with this id is in ``tasks``: its id, unless rows were rearranged by hand.
    public func index(of id: TargetID) -> Int? {
        if tasks.indices.contains(id), tasks[id].id == id { return id }
        return tasks.firstIndex { $0.id == id }
    }

    /// Seconds of protection left by the agent's clock, or nil when there is no expiry to count to.
    public func remaining(of row: TaskRow) -> TimeInterval? {
        guard row.protection?.enabled == true, let expiry = row.expiresAt else { return nil }
        return expiry.timeIntervalSince(now)
    }

    /// The local instant after ``now`` at which the row's countdown (or its state, when it lapses)
    /// next shows something else, nil when nothing about it will change by itself. A UI that wakes
    /// then, instead of on the local clock's second, shows every value once and on time.
    public func nextCountdownChange(of row: TaskRow) -> Date? {
        guard let protection = row.protection, protection.enabled, let expiry = row.expiresAt,
              !protection.hasImplausibleExpiration(at: agentNow) else { return nil }
        return ClockOffset.zero.nextCountdownChange(until: expiry, after: now)
    }

    /// When the row's protection ends by the local clock, by the one clock rule (``TaskRow/expiresAt``).
    public func localExpiry(of row: TaskRow) -> Date? {
        guard row.protection?.enabled == true else { return nil }
        return row.expiresAt
    }

    /// When the kept task `target` is renewed next (local clock), nil when it is not kept or not confirmed yet.
    public func nextRenewal(of target: TargetID) -> Date? {
        guard let keep = kept[target] else { return nil }
        switch keepPolicy.decide(keep, now: now) {
        case .wait(let until): return until
        case .renewNow: return now
        case .waitForPending, .paused: return nil
        }
    }

    /// The earliest instant at which a tick has work for a task on screen or not: an alert before a
    /// lapse, a kept task's renewal, the end of a row's flash. Nil when none is pending, so a
    /// dashboard with nothing armed sleeps until an event.
    public func nextBackgroundDeadline() -> Date? {
        var earliest: Date?
        func consider(_ instant: Date?) {
            guard let instant else { return }
            earliest = min(earliest ?? instant, instant)
        }
        for watch in lapseWatches.values { consider(watch.nextAlertInstant) }
        for target in kept.keys { consider(nextRenewal(of: target)) }
        for until in flashUntil.values { consider(until) }
        return earliest
    }

    /// The latest `count` events of every task and the notices, newest last, merged by time.
    public func latestEvents(_ count: Int) -> [(label: String, activity: TaskActivity)] {
        guard count > 0 else { return [] }
        let all = tasks.flatMap { row in row.activity.prefix(count).map { (label: row.displayName, activity: $0) } }
            + notices.suffix(count).map { (label: "", activity: $0) }
        return Array(all.sorted { $0.activity.at < $1.activity.at }.suffix(count))
    }

    /// Whether the row flashes now (an alert fired in the last second).
    public func isFlashing(_ target: TargetID) -> Bool {
        flashUntil[target].map { now < $0 } ?? false
    }

    /// How many notices the events pane keeps.
    public static let noticeLimit = 20

    /// Adds a line to the events pane that belongs to no one task.
    public mutating func notice(_ entry: TaskActivity) {
        notices.append(entry)
        if notices.count > Self.noticeLimit { notices.removeFirst(notices.count - Self.noticeLimit) }
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

    /// The header bucket the row counts in: its state by the last answer, or GONE; never PENDING.
    public func bucket(of row: TaskRow) -> TaskDisplayState {
        row.gone ? .gone : protectionState(of: row)
    }

    /// The state the last answer established, ignoring a PUT in flight: LAPSED from the moment
    /// the protection ran out while watched until it is protected again or the lapse dismissed.
    public func protectionState(of row: TaskRow) -> TaskDisplayState {
        protectionState(enabled: row.protection?.enabled, expiry: row.expiresAt, lapsed: row.lapsedAt != nil, id: row.id)
    }

    /// The same from the three fields it depends on (`enabled` nil: no answer yet), which a loop
    /// over every row reads in place without copying the row or its strings.
    /// EXPIRING uses the task's own window (shorter for a short protection it saw asked).
    private func protectionState(enabled: Bool?, expiry: Date?, lapsed: Bool, id: TargetID) -> TaskDisplayState {
        guard let enabled else { return lapsed ? .lapsed : .unknown }
        guard enabled else { return lapsed ? .lapsed : .unprotected }
        guard let expiry else { return .protected }
        let remaining = expiry.timeIntervalSince(now)
        if remaining <= 0 { return .lapsed }
        return remaining < (lapseWatches[id]?.window ?? expiringSoonThreshold) ? .expiringSoon : .protected
    }

    /// Whether the row's last answer is out of date: its source is failing as a whole, or no answer
    /// came for ``staleIntervals`` effective intervals.
    public func isStale(_ row: TaskRow) -> Bool {
        guard !row.gone else { return false }
        if row.sourceFault != nil || failingSources[row.sourceName] != nil { return true }
        guard let last = row.lastAnswerAt else { return false }
        return now.timeIntervalSince(last) > Self.staleIntervals * effectiveInterval
    }

    /// The failing source serving `row`, if its source is failing.
    public func failingSource(of row: TaskRow) -> SourceHealth? {
        failingSources[row.sourceName]
    }

    /// "remaining time", or "remaining time, descending": the sort as the header and status say it.
    public var sortText: String {
        sortDescending ? "\(sortMode.rawValue), descending" : sortMode.rawValue
    }

    /// The rows that pass the filter, in the current sort order.
    public var visibleTasks: [TaskRow] {
        visibleIDs.compactMap { task($0) }
    }

    /// The ids of the rows that pass the filter, in the current sort order: remembered from the
    /// last ``refreshVisibleOrder()`` while nothing it depends on changed, else computed afresh.
    public var visibleIDs: [TargetID] {
        order.key == orderKey ? order.ids : computeVisibleIDs()
    }

    /// Remembers the visible order, unless nothing it depends on changed since it was computed.
    /// The reducer calls this after every event, so frames and keys find it ready.
    public mutating func refreshVisibleOrder() {
        if !countsAreCurrent { order.counts = computeCounts() }
        if order.generation != order.labels?.generation {
            let key = labelsKey
            if order.labels?.key != key { order.labels = (key, order.generation, measureLongestLabel()) }
            order.labels?.generation = order.generation
        }
        let key = orderKey
        guard order.key != key else { return }
        order.ids = computeVisibleIDs()
        order.key = key
    }

    /// The widest label in terminal cells, measured again only when rows came or went.
    public var longestLabelWidth: Int {
        if let labels = order.labels, labels.generation == order.generation || labels.key == labelsKey { return labels.width }
        return measureLongestLabel()
    }

    /// Which rows there are (not what they say): labels never change, rows come and go.
    private var labelsKey: Int {
        var hasher = Hasher()
        hasher.combine(tasks.count)
        for row in tasks { hasher.combine(row.id) }
        return hasher.finalize()
    }

    private func measureLongestLabel() -> Int {
        tasks.map { DisplayWidth.of($0.displayName) }.max() ?? 0
    }

    /// The header's tally: the buckets every task is in exactly one of, and the sub-counts.
    public var counts: TaskCounts {
        var counts = countsAreCurrent ? order.counts?.value ?? computeCounts().value : computeCounts().value
        counts.lapsingSoon = lapsingSoonCount
        return counts
    }

    private var countsAreCurrent: Bool {
        guard let counts = order.counts else { return false }
        return counts.generation == order.generation && now < counts.validUntil
    }

    /// Counts every row; valid until the first instant (local clock) a count changes by itself:
    /// a protection running out or an answer going stale.
    private func computeCounts() -> (value: TaskCounts, generation: Int, validUntil: Date) {
        var counts = TaskCounts()
        var validUntil = Date.distantFuture
        let staleAfter = Self.staleIntervals * effectiveInterval
        // Runs over every row after every answer: read the fields in place rather than copying
        // whole rows (each copy retains every string and array a row holds).
        tasks.withUnsafeBufferPointer { rows in
            for index in rows.indices {
                if rows[index].gone {
                    counts.gone += 1
                    continue
                }
                let expiry = rows[index].expiresAt
                let display = protectionState(enabled: rows[index].protection?.enabled, expiry: expiry, lapsed: rows[index].lapsedAt != nil,
                                              id: rows[index].id)
                counts.add(display)
                if display.countsAsProtected, let expiry { validUntil = min(validUntil, expiry) }
                if rows[index].problem != nil { counts.readProblems += 1 }
                if rows[index].lastAction?.failed == true { counts.failedAction += 1 }
                if let fault = rows[index].sourceFault {
                    counts.stale += 1
                    counts.noteSourceFault(rows[index].sourceName, fault)
                } else if failingSources[rows[index].sourceName] != nil {
                    counts.stale += 1
                } else if let last = rows[index].lastAnswerAt {
                    let staleAt = last.addingTimeInterval(staleAfter)
                    if now.timeIntervalSince(last) > staleAfter { counts.stale += 1 } else { validUntil = min(validUntil, staleAt) }
                }
            }
        }
        return (counts, order.generation, validUntil)
    }

    /// The selected row's position among the visible rows.
    public var selectedVisibleIndex: Int? {
        guard let selection else { return nil }
        return visibleIDs.firstIndex(of: selection)
    }

    /// The tasks an action applies to: the visible marked tasks, else the selected visible task.
    public var actionTargets: [TargetID] {
        let visible = visibleIDs
        let marked = visible.filter { marks.contains($0) }
        if !marked.isEmpty { return marked }
        guard let selection, visible.contains(selection) else { return [] }
        return [selection]
    }

    private var orderKey: VisibleOrder.Key {
        // Remaining-time order does not move with the clock (every countdown runs at the same
        // rate); state order and a filter (which matches state words and "stale") do.
        // Remaining-time order does not move with the clock (every countdown runs at the same rate);
        // state and answer-age order, a filter and a quick view (which read states and staleness) do.
        let readsClock = sortMode == .state || sortMode == .answered || !filterText.isEmpty || quickFilter != nil
        return VisibleOrder.Key(generation: order.generation, filterText: filterText, sortMode: sortMode,
                                sortDescending: sortDescending, quickFilter: quickFilter,
                                kept: quickFilter == .kept ? Set(kept.keys) : [], serviceFilter: serviceFilter, groupByService: groupByService,
                                clocks: readsClock ? [now, agentNow] : [])
    }

    private func computeVisibleIDs() -> [TargetID] {
        let matcher = RowFilter(filterText)?.matcher()
        var positions: [Int] = []
        positions.reserveCapacity(tasks.count)
        for position in tasks.indices where (matcher.map { matcher in
            let columns = filterColumns(of: tasks[position])
            return matcher.passes(words: columns.words, texts: columns.texts)
        } ?? true)
            && (quickFilter.map { shows(tasks[position], in: $0) } ?? true)
            && (serviceFilter == nil || tasks[position].service == serviceFilter) {
            positions.append(position)
        }
        // Sort keys are read once per row, not once per comparison.
        switch sortMode {
        case .label:
            positions.sort { sortDescending ? byLabel($1, $0) : byLabel($0, $1) }
        case .service:
            sort(&positions, by: tasks.map { $0.service?.lowercased() })
        case .state:
            sort(&positions, by: tasks.map { Optional(displayState(of: $0).sortRank) })
        case .remaining:
            // Tasks without a countdown come last whichever way the column runs.
            sort(&positions, by: tasks.map { remaining(of: $0) })
        case .answered:
            sort(&positions, by: tasks.map { row in row.lastAnswerAt.map { now.timeIntervalSince($0) } })
        case .problem:
            sort(&positions, by: tasks.map { row in row.problem?.code ?? (row.lastAction?.failed == true ? row.lastAction?.failureCode : nil) })
        }
        if groupByService { positions = groupedByService(positions) }
        return positions.map { tasks[$0].id }
    }

    /// Orders `positions` by `keys` (one per task), ascending or descending; rows without a key
    /// last, and equal keys by label so the order is stable whichever way it runs.
    private func sort<Key: Comparable>(_ positions: inout [Int], by keys: [Key?]) {
        let descending = sortDescending
        positions.sort { left, right in
            switch (keys[left], keys[right]) {
            case let (leftKey?, rightKey?) where leftKey != rightKey: return descending ? leftKey > rightKey : leftKey < rightKey
            case (_?, nil): return true
            case (nil, _?): return false
            default: return byLabel(left, right)
            }
        }
    }

    /// `positions` gathered by service (services A to Z, rows without one last), each group
    /// keeping the order it had: the sort applies within a group.
    private func groupedByService(_ positions: [Int]) -> [Int] {
        var groups: [String?: [Int]] = [:]
        for position in positions { groups[tasks[position].service, default: []].append(position) }
        let names = groups.keys.sorted { left, right in
            switch (left, right) {
            case let (left?, right?): left.lowercased() != right.lowercased() ? left.lowercased() < right.lowercased() : left < right
            case (_?, nil): true
            default: false
            }
        }
        return names.flatMap { groups[$0] ?? [] }
    }

    /// Whether `row` belongs in the quick view `filter`.
    private func shows(_ row: TaskRow, in filter: QuickFilter) -> Bool {
        switch filter {
        case .failing: return row.problem != nil || isStale(row)
        case .lapsed: return displayState(of: row) == .lapsed
        case .unprotected: return displayState(of: row) == .unprotected
        case .kept: return kept[row.id] != nil
        case .failedAction: return row.lastAction?.failed == true
        }
    }

    private func byLabel(_ left: Int, _ right: Int) -> Bool {
        let leftKey = tasks[left].sortKey, rightKey = tasks[right].sortKey
        return leftKey != rightKey ? leftKey < rightKey : tasks[left].id < tasks[right].id
    }

    /// What the filter reads of a row: its state words, and the text of every other column it
    /// shows (problems and actions without their ages, which change by the second; the task's
    /// revision, status, zone and why it stops, from the ECS API).
    private func filterColumns(of row: TaskRow) -> (words: [String], texts: [String]) {
        let state = displayState(of: row)
        var words = [state.rawValue]
        // An expiring task is still protected.
        if state == .expiringSoon { words.append(TaskDisplayState.protected.rawValue) }
        if isStale(row) { words.append("STALE") }
        var texts = [row.displayName]
        if let arn = row.taskArn { texts.append(arn) }
        if let service = row.service { texts.append(service) }
        for problem in [row.problem, row.sourceFault].compactMap({ $0 }) {
            texts.append(problem.code)
            if !problem.message.isEmpty { texts.append(problem.message) }
        }
        // A fleet's cluster by name, so `:ctx NAME` (and a typed filter) can keep one cluster's tasks.
        if row.endpoint == nil, row.sourceName != TaskRow.ecsAPISourceName { texts.append(row.sourceName) }
        if let failing = failingSources[row.sourceName] { texts += [failing.code, failing.message] }
        if let action = row.lastAction { texts.append(action.summary) }
        if let lifecycle = row.lifecycle {
            texts += [lifecycle.taskDefinition, lifecycle.lastStatus, lifecycle.availabilityZone, lifecycle.stopCode,
                      lifecycle.stoppedReason].compactMap { $0 }
        }
        return (words, texts)
    }
}
