import Dashboard
import Foundation
import ProtectionCore
import TerminalTestSupport
import TerminalUI
import Testing

/// A frame digest is of the flat task table whatever view the operator has open: the services
/// view, a service's tasks picked there, or grouping by service are not recorded, so a replay
/// (which starts with its own view) could never match a digest drawn in them.
@Suite(.utf8Locale) struct FrameDigestViewTests {
    @Test func theServicesViewAndGroupingLeaveTheDigestAsTheTaskTables() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = DashboardState(endpoints: [], now: now, width: 120, height: 40, pollInterval: 2, ecsCluster: "demo")
        _ = DashboardReducer.reduce(&state, .started)
        _ = DashboardReducer.reduce(&state, .source(.targetsAdded([
            SourceTarget(id: 0, label: "web/01", service: "web"), SourceTarget(id: 1, label: "api/02", service: "api"),
        ])))
        let tasks = FrameDigest.digest(of: state, at: now, view: FrameDigest.View())
        func type(_ keys: [KeyInput]) { for key in keys { _ = DashboardReducer.reduce(&state, .key(key)) } }

        type([.character("S")])
        #expect(state.groupByService)
        #expect(FrameDigest.digest(of: state, at: now, view: FrameDigest.View()) == tasks, "grouped by service")
        type([.character(":"), .character("s"), .character("v"), .character("c"), .enter])
        #expect(state.view == .services)
        #expect(FrameDigest.digest(of: state, at: now, view: FrameDigest.View()) == tasks, "in the services view")
    }
}
