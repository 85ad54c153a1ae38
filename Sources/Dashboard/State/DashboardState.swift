import FoundationEssentials
import ProtectionCore
import TerminalUI

/// Everything the dashboard shows, changed only by ``DashboardReducer`` and drawn by
/// ``DashboardRenderer``. Time is never read here: it arrives through `.tick` events.
public struct DashboardState: Sendable, Equatable {
    /// One row per endpoint, in the order the endpoints were given (their `TargetID`s).
    public internal(set) var tasks: [TaskRow] { didSet { rowsChanges.bump() } }
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
    /// The operator's time zone, as the offsets from UTC clock times are shown with (the runtime
    /// reads them from the system; injectable so tests are stable).
    public internal(set) var timeZone: LocalTimeOffsets
    /// Agent clock minus local clock as the monitor last reported it: slewing toward its estimate,
    /// so countdowns never jump back.
    public internal(set) var agentClock: ClockOffset = .zero { didSet { rowsChanges.bump() } }
    /// How often each task is actually polled, after the request budget stretched it. An answer
    /// goes stale after a number of these, so a change re-counts the header's stale tasks.
    public internal(set) var effectiveInterval: TimeInterval { didSet { if effectiveInterval != oldValue { rowsChanges.bump() } } }
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
    public var simulatedService: String { simulatedRegion.map { "\($0) ECS API" } ?? (ecsCluster == nil ? "agent" : "ECS API") }
    /// In a demo on several regions, the one region `D` takes down: the others keep answering.
    public internal(set) var simulatedRegion: String?
    /// Protected tasks with less time left than this are shown as expiring soon. Fixed for the
    /// session: every lapse watch's window is at most this (``protectionState(of:)`` relies on it).
    public let expiringSoonThreshold: TimeInterval
    /// The colour themes `t` cycles through, by name; the runtime holds the themes themselves.
    public internal(set) var themeNames: [String]
    /// The theme in use, an index into ``themeNames``.
    public internal(set) var themeIndex: Int = 0
    /// The scenario being played (demo `--scenario`), for the header.
    public internal(set) var scenario: ScenarioBanner?
    /// When each task's alerts fire (``LapseAlertPolicy``); its window is ``expiringSoonThreshold``.
    public internal(set) var lapseWatches: [TargetID: LapseWatch] = [:] { didSet { lapseWatchesChanges.bump() } }
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
    /// Each call budget's calls, when a fleet draws on more than one (ECS throttles per account and
    /// region); empty otherwise.
    public internal(set) var budgetCalls: [BudgetCalls] = []
    /// Why the last discovery of tasks failed, with what to do; nil when it worked.
    public internal(set) var discoveryProblem: String?
    /// Sources failing as a whole, by ``TaskRow/sourceName``: their tasks are all stale at once.
    public internal(set) var failingSources: [String: SourceHealth] = [:] { didSet { rowsChanges.bump() } }
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
    /// Changes to the rows, the agent clock and the failing sources, for memoised views.
    private(set) var rowsChanges = ChangeStamp()
    /// Changes to ``lapseWatches``, for the view model's ``LapseWatchSummary``.
    private(set) var lapseWatchesChanges = ChangeStamp()

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
    public init(endpoints: [Endpoint], now: Date, timeZone: LocalTimeOffsets = .utc,
                width: Int = 80, height: Int = 24, pollInterval: TimeInterval = 2,
                readOnly: Bool = false, demo: Bool = false, faultKinds: [String] = [], themeNames: [String] = [],
                ecsCluster: String? = nil, alertBefore: TimeInterval = 600, eventsOpen: Bool = false, replay: Bool = false,
                hiddenColumns: Set<TableColumn> = [], simulatedRegion: String? = nil) {
        self.hiddenColumns = hiddenColumns
        self.simulatedRegion = simulatedRegion
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
        self.selection = computeVisibleIDs().first
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

    /// Protected tasks inside the alert window (`--alert-before`), for the header.
    public var lapsingSoonCount: Int {
        lapseWatches.values.filter { $0.isLapsingSoon(now: now) }.count
    }


    /// "remaining time", or "remaining time, descending": the sort as the header and status say it.
    public var sortText: String {
        sortDescending ? "\(sortMode.rawValue), descending" : sortMode.rawValue
    }
}
