import Dashboard
import Foundation
import ProtectionCore
import Testing

/// An expired IAM Identity Center sign-in on the ECS API: the header carries the line that names
/// the command renewing it, and the rows keep their last answers.
@Suite struct SignInHeaderTests {
    static let line = "the SSO sign-in of profile dev has expired; run: aws sso login --profile dev"

    @Test func theHeaderSaysWhichLoginToRunAndTheRowsKeepTheirState() {
        let t0 = Fixtures.t0
        var state = Fixtures.state(labels: ["web/1", "web/2", "web/3"], width: 120, height: 24, ecsCluster: "prod")
        for target in 0..<3 { Fixtures.answer(&state, target, Fixtures.protection(target, enabled: target == 0, minutesLeft: 30)) }
        let failedAt = t0.addingTimeInterval(30)
        for target in 0..<3 {
            Fixtures.answer(&state, target, .error(AgentError(code: ProblemHint.signInRequiredCode, message: Self.line)),
                            status: nil, at: failedAt)
        }
        _ = DashboardReducer.reduce(&state, .source(.discoveryFailed(
            AgentError(code: ProblemHint.signInRequiredCode, message: Self.line), hint: nil)))
        _ = DashboardReducer.reduce(&state, .tick(failedAt.addingTimeInterval(5)))
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines[0].contains("3 tasks: 1 protected"), "\(lines[0])")
        #expect(lines[1].contains(Self.line), "\(lines[1])")
        #expect(!lines[1].contains("SignInRequired"), "the code is ours, not the operator's: \(lines[1])")
        #expect(state.tasks[0].protection?.enabled == true, "the last known state stays")
        #expect(state.isStale(state.tasks[0]))
    }
}
