import Dashboard
import Foundation
import ProtectionCore
import TerminalUI

/// Header states that fill both header lines, for the layout tests and golden frames.
enum HeaderStates {
    static let t0 = Fixtures.t0

    /// A drill at its busiest: 40 tasks (the table scrolls), the agent down and failing, a filter,
    /// marks, a kept task, a scenario step coming, in demo mode.
    static func drill(width: Int, height: Int = 24) -> DashboardState {
        var state = Fixtures.state(labels: (1...40).map { "svc-\($0)" }, width: width, height: height, demo: true)
        for target in 0..<40 {
            Fixtures.answer(&state, target, Fixtures.protection(target, enabled: target % 3 != 0, minutesLeft: Double(30 + target)))
        }
        let failedAt = t0.addingTimeInterval(5)
        for target in 0..<3 { Fixtures.answer(&state, target, .transport(.connectionRefused), status: nil, at: failedAt) }
        _ = DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true))
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        Fixtures.press(&state, .character("K"), .character(" "), .character(" "))
        _ = DashboardReducer.reduce(&state, .scenarioProgress(ScenarioBanner(
            name: "throttle-drill", nextStep: "fault throttled on svc-7", nextAt: t0.addingTimeInterval(27))))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(12)))
        return state
    }

    /// Read-only on the ECS API: discovery failing, 15 calls in the first 12 seconds.
    static func ecsFirstMinute(width: Int, height: Int = 24) -> DashboardState {
        var state = Fixtures.state(labels: (1...30).map { "web/\(String(format: "%08x", $0 * 7919))" }, width: width, height: height,
                                   readOnly: true, ecsCluster: "prod")
        for target in 0..<30 {
            Fixtures.answer(&state, target, Fixtures.protection(target, enabled: target % 2 == 0, minutesLeft: Double(20 + target)))
        }
        _ = DashboardReducer.reduce(&state, .source(.callsCounted(calls: 15, seconds: 12)))
        _ = DashboardReducer.reduce(&state, .source(.discoveryFailed(
            AgentError(code: "AccessDeniedException", message: "not authorized to perform ecs:ListTasks"), hint: "grant ecs:ListTasks")))
        _ = DashboardReducer.reduce(&state, .tick(t0.addingTimeInterval(12)))
        return state
    }
}
