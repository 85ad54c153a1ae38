import TerminalUI

/// Lays the dashboard's state out into a ``Frame``. Pure: the same state always gives the same frame.
public enum DashboardRenderer {
    /// The frame for `state`, sized to the state's screen; `viewModel` is the state's derived view
    /// model (``DashboardViewModel``), kept current by the session so a frame sorts nothing.
    public static func render(_ state: DashboardState, viewModel: DashboardViewModel) -> Frame {
        var frame = Frame(width: 0, height: 0)
        render(state, viewModel: viewModel, into: &frame)
        return frame
    }

    /// The same frame, drawn into `frame` whatever it held (``Frame/clear(width:height:fill:)``), so
    /// a session can reuse one frame's cells instead of allocating a screenful at every wake-up.
    public static func render(_ state: DashboardState, viewModel: DashboardViewModel, into frame: inout Frame) {
        var memo = RenderMemo()
        render(state, viewModel: viewModel, into: &frame, memo: &memo)
    }

    /// The same frame, with the lines `memo` kept from the last frame reused where nothing they
    /// were drawn from changed (``RenderMemo``); the memo then keeps this frame's.
    public static func render(_ state: DashboardState, viewModel: DashboardViewModel, into frame: inout Frame,
                              memo: inout RenderMemo) {
        frame.clear(width: state.width, height: state.height)
        memo.timeStep = nil
        let layout = ScreenLayout(state)
        guard layout.fits else {
            drawTooSmall(into: &frame)
            return
        }
        defer { memo.timeStep = TimeStepBasis(state, model: viewModel) }
        HeaderView.draw(state, model: viewModel, layout: layout, into: &frame, memo: &memo)
        switch state.view {
        case .tasks:
            TaskTableView.draw(state, model: viewModel, layout: layout, into: &frame, memo: &memo.table)
            if state.detailOpen { DetailPaneView.draw(state, model: viewModel, layout: layout, into: &frame) }
            EventsPaneView.draw(state, model: viewModel, layout: layout, into: &frame)
        case .services:
            ServicesView.draw(state, layout: layout, into: &frame)
        case .serviceEvents:
            ServiceEventsView.draw(state, layout: layout, into: &frame)
        }
        FooterView.draw(state, model: viewModel, layout: layout, into: &frame, memo: &memo)
        OverlayView.draw(state, model: viewModel, into: &frame)
    }

    /// The frame for `state` drawn by changing only what the clock changed, when `frame` holds the
    /// frame last drawn with `memo` (by either function) for a state that differs from `state` only
    /// in its clock (``DashboardReducer/reduceTick(_:at:viewModel:)`` says when): on a plain task
    /// table, the task lines whose countdown, ages or clock-decided marks moved. Returns the rows
    /// it drew (every other row is as it was), or nil, having changed nothing, when that screen or
    /// what the clock changed on it needs the whole frame: ``render(_:viewModel:into:memo:)`` then.
    ///
    /// An idle dashboard wakes several times a second for its countdowns; this is most of its
    /// wake-ups, done without laying out the header or comparing every row with the last frame.
    public static func renderTimeStep(_ state: DashboardState, viewModel: DashboardViewModel, into frame: inout Frame,
                                      memo: inout RenderMemo) -> [Int]? {
        // Read once for the basis's check and the lines' step.
        let lines = viewModel.tableLines(in: state)
        guard frame.width == state.width, frame.height == state.height,
              let basis = memo.timeStep, basis.holds(for: state, lines: lines, model: viewModel) else { return nil }
        return TaskTableView.step(state, lines: lines, model: viewModel, layout: ScreenLayout(state), into: &frame, memo: &memo.table)
    }

    /// The frame for `state` with its view model worked out afresh: for a one-off frame (a test,
    /// a digest), not for a session's every frame.
    public static func render(_ state: DashboardState) -> Frame {
        render(state, viewModel: DashboardViewModel(state))
    }

    /// The message drawn instead of the dashboard on a screen below the minimum size.
    static let tooSmallMessage = "terminal too small (needs \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight))"

    private static func drawTooSmall(into frame: inout Frame) {
        guard frame.width > 0, frame.height > 0 else { return }
        let lines = ColumnText.wrap(tooSmallMessage, width: frame.width)
        let top = max(0, (frame.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            frame.writeCentered(line, y: top + offset, role: .error)
        }
    }
}
