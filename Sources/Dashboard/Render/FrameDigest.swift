import FoundationEssentials
import TerminalUI

/// A stable fingerprint of what the dashboard shows of a drill at one instant, so a replay can be
/// checked against the live screen it stands for (`--record-frame-digests`, docs/REPLAY.md).
///
/// The frame is drawn from a copy of the state at a fixed size, sort and filter (the ``View``,
/// recorded with the digest), in UTC, with the view's own chrome set aside: the task view on the
/// first row, every column, no grouping, service filter, marks, alert flashes, panes, overlays or status line, and none of what tells a live run from a replay
/// (the demo's fault keys and scenario banner, the replay's badge and time cursor, the theme, the
/// ECS API's call rate), and which view shows (always the flat task table). Everything the drill's
/// record decides stays in: the header's tallies, failing sources and agent clock, and every row's
/// state, countdown, expiry, answer age and problem.
///
/// The hash is FNV-1a 64 over the frame's size and each cell's text and style role, so it is the
/// same in every process and on every machine (Swift's `Hasher` is seeded per process).
public enum FrameDigest {
    /// The fixed drawing a digest is taken of.
    public struct View: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var sortMode: SortMode
        public var sortDescending: Bool
        public var filterText: String

        /// The size every digest is drawn at unless told otherwise.
        public static let standardWidth = 120
        public static let standardHeight = 40

        public init(width: Int = View.standardWidth, height: Int = View.standardHeight, sortMode: SortMode = .label,
                    sortDescending: Bool = false, filterText: String = "") {
            self.width = width
            self.height = height
            self.sortMode = sortMode
            self.sortDescending = sortDescending
            self.filterText = filterText
        }

        /// The standard size with the sort and filter `state` shows.
        public init(of state: DashboardState) {
            self.init(sortMode: state.sortMode, sortDescending: state.sortDescending, filterText: state.filterText)
        }
    }

    /// Names the drawing and hashing rules, recorded with each digest: a later change to either
    /// names itself anew rather than failing every older record.
    public static let scheme = "fnv1a64-cells-1"

    /// The largest size drawn (a hostile record must not make a replay allocate a huge frame).
    public static let maximumSide = 1000

    /// The digest of `state` at `instant` drawn as `view` says, as 16 lower-case hex digits.
    public static func digest(of state: DashboardState, at instant: Date, view: View) -> String {
        hex(fnv1a(DashboardRenderer.render(canonical(state, at: instant, view: view))))
    }

    /// The state drawn for a digest: `state` at `instant`, in `view`, without the view's chrome.
    public static func canonical(_ state: DashboardState, at instant: Date, view: View) -> DashboardState {
        var copy = state
        copy.now = instant
        copy.width = min(max(1, view.width), maximumSide)
        copy.height = min(max(1, view.height), maximumSide)
        copy.sortMode = view.sortMode
        copy.sortDescending = view.sortDescending
        copy.filterText = view.filterText
        // The task view, every row and column, flat: how an operator looks at the drill (`:svc`,
        // Enter on a service, `S`, hidden columns) is that terminal's choice, not the drill's.
        copy.view = .tasks
        copy.serviceFilter = nil
        copy.groupByService = false
        copy.hiddenColumns = []
        copy.quickFilter = nil
        copy.timeZone = .utc
        copy.marks = []
        // A row flashes for a second from the tick that raised its alert: when that tick came is
        // the live loop's timing, not the drill's (the alert itself is in the record).
        copy.flashUntil = [:]
        copy.detailOpen = false
        copy.overlay = .none
        copy.helpScroll = 0
        copy.status = nil
        copy.eventsOpen = false
        copy.isReplay = false
        copy.replay = nil
        copy.demo = false
        copy.readOnly = false
        copy.faultKinds = []
        copy.faults = [:]
        copy.agentDown = false
        copy.themeNames = []
        copy.themeIndex = 0
        copy.scenario = nil
        copy.callsPerMinute = nil
        copy.callsSoFar = nil
        copy.budgetCalls = []
        copy.selection = copy.computeVisibleIDs().first
        return copy
    }

    /// FNV-1a 64 over the frame's size, then each cell's text and role, row by row.
    public static func fnv1a(_ frame: Frame) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        mix("\(frame.width)x\(frame.height)\n".utf8)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                mix(cell.text.utf8)
                mix(CollectionOfOne(0x1F))
                mix(cell.role.rawValue.utf8)
                mix(CollectionOfOne(0x1E))
            }
            mix(CollectionOfOne(0x0A))
        }
        return hash
    }

    /// `hash` as 16 lower-case hex digits.
    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
