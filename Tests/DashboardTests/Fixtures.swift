import Dashboard
import Foundation
import ProtectionCore
import TerminalUI

/// Fixed dates, endpoints and monitor answers, so every test is independent of the wall clock.
enum Fixtures {
    /// 2030-01-01T12:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_893_499_200)
    static let utc = LocalTimeOffsets.utc
    /// `p`'s change: protect with the agent's default duration (no minutes sent).
    static let defaultProtect: ProtectionChange = {
        guard let change = try? ProtectionChange.protect() else { preconditionFailure("protect() without minutes cannot fail") }
        return change
    }()
    static let faultKinds = ["throttle", "server-error", "timeout", "no-credentials"]

    static func endpoint(_ label: String?, id: String) -> Endpoint {
        Endpoint(label: label, agentURI: "http://127.0.0.1:51679/api/\(id)", scheme: "http", host: "127.0.0.1", port: 51679)
    }

    static func arn(_ id: String) -> String { "arn:aws:ecs:us-east-1:123456789012:task/prod/\(id)" }

    static let demoLabels = ["web-1", "web-2", "web-3", "worker-a", "worker-b", "批处理-1", "ingest", "reports"]

    static func state(labels: [String] = demoLabels, width: Int = 80, height: Int = 24,
                      readOnly: Bool = false, demo: Bool = false, timeZone: LocalTimeOffsets = utc, themeNames: [String] = [],
                      ecsCluster: String? = nil, alertBefore: TimeInterval = 600) -> DashboardState {
        let endpoints = labels.enumerated().map { endpoint($0.element, id: "task\($0.offset)-0123456789abcdef") }
        return DashboardState(endpoints: endpoints, now: t0, timeZone: timeZone, width: width, height: height,
                              readOnly: readOnly, demo: demo, faultKinds: demo ? faultKinds : [], themeNames: themeNames,
                              ecsCluster: ecsCluster, alertBefore: alertBefore)
    }

    /// A replay's dashboard: no tasks until the record names them, UTC, keys of a replay.
    static func replayState(width: Int = 120, height: Int = 30) -> DashboardState {
        DashboardState(endpoints: [endpoint("web-1", id: "task0-0123456789abcdef")], now: t0, timeZone: utc, width: width, height: height,
                       replay: true)
    }

    static func response(_ result: ProtectionResult, status: Int? = 200, at: Date = t0) -> ProtectionResponse {
        ProtectionResponse(result: result, httpStatus: status, serverDate: at, sentAt: at.addingTimeInterval(-0.05), receivedAt: at)
    }

    static func protection(_ target: Int, enabled: Bool, minutesLeft: Double? = nil, from: Date = t0) -> ProtectionResult {
        let expiry = minutesLeft.map { from.addingTimeInterval($0 * 60) }
        return .protection(TaskProtection(enabled: enabled, expirationDate: enabled ? expiry : nil,
                                          taskArn: arn("task\(target)-0123456789abcdef")))
    }

    static let taskNotValid = ProtectionResult.failure(ProtectionFailure(
        arn: arn("task5-0123456789abcdef"), reason: "TASK_NOT_VALID",
        detail: "Task is not in a valid state for protection (task is stopping)"))
    static let throttled = ProtectionResult.error(AgentError(
        code: "ThrottlingException", message: "Rate exceeded", arn: arn("task6-0123456789abcdef"),
        requestID: "7f9c4a52-0d1e-4b8a-9c3f-2a6b1e5d8c40"))
    static let noCredentials = ProtectionResult.error(AgentError(
        code: "AccessDeniedException", message: "Invalid Request: no task IAM role credentials available for task",
        arn: arn("task7-0123456789abcdef")))

    /// Feeds one monitor answer through the reducer.
    static func answer(_ state: inout DashboardState, _ target: Int, _ result: ProtectionResult,
                       status: Int? = 200, at: Date = t0, request: ProtectionRequest = .get) {
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: request,
                                                                response: response(result, status: status, at: at))))
    }

    /// A GET answer for one of the first `tasks` targets, drawn at random: throttled (a 400, which
    /// makes an ECS API source fail), unprotected, TASK_NOT_VALID, or protected for `minutes`.
    static func randomAnswer(at now: Date, tasks: Int = 8, minutes: ClosedRange<Double>,
                             using generator: inout some RandomNumberGenerator) -> DashboardEvent {
        let target = Int.random(in: 0..<tasks, using: &generator)
        let result: ProtectionResult = switch Int.random(in: 0..<5, using: &generator) {
        case 0: throttled
        case 1: protection(target, enabled: false)
        case 2: taskNotValid
        default: protection(target, enabled: true, minutesLeft: Double.random(in: minutes, using: &generator), from: now)
        }
        let status = if case .error = result { 400 } else { 200 }
        return .monitor(.responded(target: target, request: .get, response: response(result, status: status, at: now)))
    }

    /// The eight-task demo picture: protected with different remaining times, one expiring soon,
    /// unprotected ones, a TASK_NOT_VALID failure, a throttled error and a no-credentials 403.
    static func demoState(width: Int = 80, height: Int = 24, readOnly: Bool = false, demo: Bool = true,
                          themeNames: [String] = [], ecsCluster: String? = nil) -> DashboardState {
        var state = Self.state(width: width, height: height, readOnly: readOnly, demo: demo, themeNames: themeNames, ecsCluster: ecsCluster)
        let answered = t0.addingTimeInterval(-1)
        answer(&state, 0, protection(0, enabled: true, minutesLeft: 120, from: t0.addingTimeInterval(-53)), at: answered)
        answer(&state, 1, protection(1, enabled: true, minutesLeft: 45), at: answered)
        answer(&state, 2, protection(2, enabled: true, minutesLeft: 245.0 / 60), at: answered)
        answer(&state, 3, protection(3, enabled: false), at: answered)
        answer(&state, 4, protection(4, enabled: false), at: answered)
        answer(&state, 5, taskNotValid, at: answered)
        answer(&state, 6, protection(6, enabled: true, minutesLeft: 30, from: t0.addingTimeInterval(-4)), at: t0.addingTimeInterval(-4))
        answer(&state, 6, throttled, status: 400, at: answered)
        answer(&state, 7, noCredentials, status: 403, at: answered)
        _ = DashboardReducer.reduce(&state, .monitor(.effectiveIntervalChanged(2)))
        _ = DashboardReducer.reduce(&state, .tick(t0))
        return state
    }

    /// Presses keys one after the other and returns every effect produced.
    @discardableResult
    static func press(_ state: inout DashboardState, _ keys: KeyInput...) -> [DashboardEffect] {
        keys.flatMap { DashboardReducer.reduce(&state, .key($0)) }
    }

    /// Types a string as character keys.
    @discardableResult
    static func type(_ state: inout DashboardState, _ text: String) -> [DashboardEffect] {
        text.flatMap { DashboardReducer.reduce(&state, .key(.character($0))) }
    }
}
