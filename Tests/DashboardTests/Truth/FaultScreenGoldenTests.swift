import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The screens of a drill at its three worst moments, as golden frames: the agent down, the ECS
/// API throttled, a bulk protect refused by the desired count.
@Suite(.utf8Locale) struct FaultScreenGoldenTests {
    private func check(_ name: String, _ build: (Int, Int) -> DashboardState, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFrame.check(name, sizes: GoldenFrameTests.sizes, sourceLocation: sourceLocation, inspect: { state in
            #expect(state.counts.total == state.tasks.count, sourceLocation: sourceLocation)
        }, build)
    }

    @Test func agentDown() {
        check("fault-agent-down") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            let at = Fixtures.t0.addingTimeInterval(10)
            for target in 0..<8 { Fixtures.answer(&state, target, .transport(.connectionRefused), status: nil, at: at) }
            _ = DashboardReducer.reduce(&state, .agentAvailabilityChanged(down: true))
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(25)))
            return state
        }
    }

    @Test func ecsAPIThrottled() {
        check("fault-ecs-throttled") { width, height in
            var state = DashboardState(endpoints: [], now: Fixtures.t0, timeZone: Fixtures.utc, width: width, height: height, ecsCluster: "prod")
            let targets = (0..<12).map { SourceTarget(id: $0, label: "web/\(String(format: "%08x", $0 * 7919))", taskArn: Fixtures.arn("w\($0)"), service: "web") }
            _ = DashboardReducer.reduce(&state, .source(.targetsAdded(targets)))
            for target in 0..<12 {
                let result = Fixtures.protection(target, enabled: target % 3 != 0, minutesLeft: Double(20 + target * 7))
                _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(target: target, request: .get, response: Fixtures.response(result)))))
            }
            let throttled = ProtectionResult.error(AgentError(code: "ThrottlingException", message: "Rate exceeded", arn: nil, requestID: "0d1e"))
            for target in 0..<8 {
                _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(
                    target: target, request: .get, response: Fixtures.response(throttled, status: 400, at: Fixtures.t0.addingTimeInterval(5))))))
            }
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(12)))
            return state
        }
    }

    @Test func bulkProtectRefused() {
        check("fault-bulk-refused") { width, height in
            var state = Fixtures.state(labels: (1...10).map { "api-\($0)" }, width: width, height: height)
            for target in 0..<10 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false)) }
            Fixtures.press(&state, .character("a"), .character("p"))
            let at = Fixtures.t0.addingTimeInterval(1)
            let blocked = ProtectionResult.failure(ProtectionFailure(
                arn: nil, reason: "DEPLOYMENT_BLOCKED", detail: "The service has more protected tasks than its desired count."))
            for target in 0..<10 {
                let result = target < 4 ? Fixtures.protection(target, enabled: true, minutesLeft: 120, from: at) : blocked
                _ = DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: .put(Fixtures.defaultProtect),
                                                                        response: Fixtures.response(result, at: at))))
            }
            // Reads afterwards succeed; the outcomes stay.
            for target in 4..<10 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: false), at: Fixtures.t0.addingTimeInterval(3)) }
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(4)))
            return state
        }
    }
}
