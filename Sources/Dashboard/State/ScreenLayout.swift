/// Where each part of the screen goes for a given size: derived from the state, so the renderer
/// draws by it and the reducer pages by it (``DashboardState/pageSize``) without calling each other.
struct ScreenLayout: Equatable {
    /// Smallest screen the dashboard draws itself on.
    static let minimumWidth = 60
    static let minimumHeight = 12

    /// Rows above the table: title line, info line, column headings.
    static let tableTop = 3
    /// Rows below the table and the detail pane: status line, footer.
    static let bottomRows = 2

    let width: Int
    let height: Int
    /// Rows of the detail pane, including its title line; 0 when closed.
    let detailHeight: Int

    init(width: Int, height: Int, detailOpen: Bool) {
        self.width = width
        self.height = height
        let available = max(0, height - Self.tableTop - Self.bottomRows)
        detailHeight = detailOpen ? max(0, min(available - 3, max(6, available / 2))) : 0
    }

    init(_ state: DashboardState) {
        self.init(width: state.width, height: state.height, detailOpen: state.detailOpen)
    }

    /// Whether the screen is big enough to draw the dashboard.
    var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }
    /// Rows available for task rows.
    var tableHeight: Int { max(1, height - Self.tableTop - Self.bottomRows - detailHeight) }
    /// First row of the detail pane.
    var detailTop: Int { Self.tableTop + tableHeight }
    /// The status line.
    var statusRow: Int { height - 2 }
    /// The footer.
    var footerRow: Int { height - 1 }

    /// The first visible row index so that `selected` (an index into the visible rows) is on screen.
    func scrollOffset(selected: Int?, rowCount: Int) -> Int {
        guard let selected, rowCount > tableHeight else { return 0 }
        return min(max(0, selected - tableHeight + 1), rowCount - tableHeight)
    }
}

extension DashboardState {
    /// How many rows PgUp/PgDn move: the rows the table shows at this size.
    public var pageSize: Int { ScreenLayout(self).tableHeight }
}
