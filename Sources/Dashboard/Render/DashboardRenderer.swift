import TerminalUI

/// Lays the dashboard's state out into a ``Frame``. Pure: the same state always gives the same frame.
public enum DashboardRenderer {
    /// The frame for `state`, sized to the state's screen.
    public static func render(_ state: DashboardState) -> Frame {
        var frame = Frame(width: state.width, height: state.height)
        let layout = ScreenLayout(state)
        guard layout.fits else {
            drawTooSmall(into: &frame)
            return frame
        }
        HeaderView.draw(state, layout: layout, into: &frame)
        switch state.view {
        case .tasks:
            TaskTableView.draw(state, layout: layout, into: &frame)
            if state.detailOpen { DetailPaneView.draw(state, layout: layout, into: &frame) }
            EventsPaneView.draw(state, layout: layout, into: &frame)
        case .services:
            ServicesView.draw(state, layout: layout, into: &frame)
        case .serviceEvents:
            ServiceEventsView.draw(state, layout: layout, into: &frame)
        }
        FooterView.draw(state, layout: layout, into: &frame)
        OverlayView.draw(state, into: &frame)
        return frame
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
