import Foundation
import ProtectionCore

/// What the monitor's events do to the rows.
extension DashboardReducer {
    static func apply(_ event: MonitorEvent, to state: inout DashboardState) {
        switch event {
        case .requestStarted(let target, let request, _):
            // A PUT started elsewhere (not by a key here) shows as PENDING too. A row already
            // PENDING keeps its change: it is the latest intent, possibly queued behind this one.
            if case .put(let change) = request, let index = index(of: target, in: state),
               state.tasks[index].pendingChange == nil {
                state.tasks[index].pendingChange = change
            }
        case .responded(let target, let request, let response):
            guard let index = index(of: target, in: state) else { return }
            var row = state.tasks[index]
            apply(response, to: request, row: &row, state: &state)
            state.tasks[index] = row
        case .effectiveIntervalChanged(let interval):
            if interval > 0 { state.effectiveInterval = interval }
        case .clockOffsetChanged(let offset):
            state.agentClock = offset
        }
    }

    private static func index(of target: TargetID, in state: DashboardState) -> Int? {
        state.index(of: target)
    }

    private static func apply(_ response: ProtectionResponse, to request: ProtectionRequest,
                              row: inout TaskRow, state: inout DashboardState) {
        let at = response.receivedAt
        row.httpStatus = response.httpStatus
        if response.httpStatus != nil { row.lastAnswerAt = at }
        if case .error(let error) = response.result { row.requestID = error.requestID } else { row.requestID = nil }

        let changed: Bool
        let line: String
        let kind: TaskActivity.Kind
        if case .protection(let protection) = response.result {
            changed = row.problem != nil || !sameProtection(row.protection, protection)
            row.protection = protection
            row.taskArn = protection.taskArn
            row.problem = nil
            row.hint = nil
            line = protectionText(row, state: state)
            kind = .putSucceeded
        } else if let problem = TaskProblem(result: response.result, at: at) {
            changed = !problem.sameContent(as: row.problem)
            row.problem = problem
            row.hint = ProblemHint.hint(for: response.result, request: request,
                                        caller: state.ecsCluster == nil ? .agent : .operatorCredentials)
            if let arn = arn(in: response.result) { row.taskArn = arn }
            let status = response.httpStatus.map { $0 == 200 ? "" : "\($0) " } ?? ""
            line = status + problem.summary
            kind = problem.kind == .failure ? .failure : .error
        } else {
            return
        }

        if case .put(let change) = request {
            // A different, newer intent is queued behind this PUT: the row stays PENDING for it.
            if row.pendingChange == change { row.pendingChange = nil }
            row.record(TaskActivity(at: at, kind: kind, text: "PUT \(Wording.change(change)) → \(line)"))
            if kind != .putSucceeded {
                let hint = state.ecsCluster == nil ? "" : row.hint.map { " — \($0)" } ?? ""
                state.status = StatusMessage("\(Wording.change(change)) failed on \(row.displayName): \(line)\(hint)", isError: true)
            }
        } else if changed {
            row.record(TaskActivity(at: at, kind: kind == .putSucceeded ? .poll : kind, text: "GET → \(line)"))
        }
    }

    /// Same state and expiry; the ARN and the expiry's spelling do not count as a change.
    private static func sameProtection(_ old: TaskProtection?, _ new: TaskProtection) -> Bool {
        guard let old else { return false }
        return old.enabled == new.enabled && old.expirationDate == new.expirationDate
    }

    private static func protectionText(_ row: TaskRow, state: DashboardState) -> String {
        guard row.protection?.enabled == true else { return TaskDisplayState.unprotected.rawValue }
        guard let local = state.localExpiry(of: row) else { return TaskDisplayState.protected.rawValue }
        return "\(TaskDisplayState.protected.rawValue) until \(TimeText.clock(local, in: state.timeZone))"
    }

    private static func arn(in result: ProtectionResult) -> String? {
        switch result {
        case .failure(let failure): failure.arn
        case .error(let error): error.arn
        default: nil
        }
    }
}
