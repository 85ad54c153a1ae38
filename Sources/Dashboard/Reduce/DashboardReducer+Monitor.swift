import FoundationEssentials
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
        if case .error(let error) = response.result { row.requestID = error.requestID } else { row.requestID = nil }
        noteSourceHealth(response.result, row: &row, at: at, state: &state)
        // An answer counts when it says something of the task. A source's refusal (the ECS API
        // throttled, denied or failed the call) leaves the row's data as old as it was: its age
        // keeps counting, where "STALE 0s" would say the row was just read.
        if response.httpStatus != nil, row.sourceFault == nil { row.lastAnswerAt = at }

        if case .protection(let protection) = response.result {
            estimateExpiry(protection, response: response, request: request, agentClock: state.agentClock, row: &row)
        }
        switch request {
        case .get:
            applyRead(response.result, at: at, row: &row, state: state)
        case .put(let change):
            applyActionAnswer(response.result, change: change, at: at, row: &row, state: &state)
        }
    }

    /// The row's expiry by the one clock rule (``ExpiryEstimate``). A protect of ours bounds the
    /// protection it set; a later answer whose estimate moved by less than the `Date` header's
    /// resolution keeps the earlier one, so a countdown never steps back.
    private static func estimateExpiry(_ protection: TaskProtection, response: ProtectionResponse,
                                       request: ProtectionRequest, agentClock: ClockOffset, row: inout TaskRow) {
        if case .put(let change) = request, change.enabled, protection.enabled, let expiration = protection.expirationDate {
            let minutes = change.expiresInMinutes ?? ProtectionChange.defaultMinutes
            row.requestBound = RequestBound(expiration: expiration, sentAt: response.sentAt, minutes: minutes)
        } else if row.requestBound?.end(for: protection.expirationDate) == nil {
            // Set by someone else since: our request says nothing of it.
            row.requestBound = nil
        }
        // The Date header is whole seconds. Where the agent clock measured over many answers agrees
        // with it to within that second, its finer reading stands for the answer's Date, so a
        // countdown steps on the expiry's own fraction of a second rather than up to a second late.
        let measured = agentClock.agentTime(at: response.receivedAt)
        let serverDate = response.serverDate.map { date in (-0.5...1.5).contains(measured.timeIntervalSince(date)) ? measured : date }
        let estimate = ExpiryEstimate(expiration: protection.expirationDate, enabled: protection.enabled,
                                      serverDate: serverDate, receivedAt: response.receivedAt,
                                      requestBound: row.requestBound?.end)
        row.agentClockAhead = estimate.agentClockAhead
        if let previous = row.expiresAt, let next = estimate.endsAt, abs(next.timeIntervalSince(previous)) < 1.5 { return }
        row.expiresAt = estimate.endsAt
    }

    /// A read: the protection it reports, or a problem of the task's own. A fault of the source
    /// (unreachable, rate limited, a failed ECS API call) leaves the row's last answer as it was:
    /// the row shows STALE instead, and the header names the source.
    private static func applyRead(_ result: ProtectionResult, at: Date, row: inout TaskRow, state: DashboardState) {
        if case .protection(let protection) = result {
            let changed = row.problem != nil || !sameProtection(row.protection, protection)
            row.protection = protection
            row.taskArn = protection.taskArn
            row.problem = nil
            if row.lastAction?.failed != true { row.hint = nil }
            // Protected again: a lapse is over.
            if protection.enabled { row.lapsedAt = nil }
            if changed { row.record(TaskActivity(at: at, kind: .poll, text: "GET → \(protectionText(row, state: state))")) }
            return
        }
        guard !SourceHealth.isSourceFault(result, fromECSAPI: state.ecsCluster != nil),
              let problem = TaskProblem(result: result, at: at) else { return }
        let changed = !problem.sameContent(as: row.problem)
        row.problem = problem
        row.hint = ProblemHint.hint(for: result, request: .get, caller: state.ecsCluster == nil ? .agent : .operatorCredentials)
        if let arn = arn(in: result) { row.taskArn = arn }
        if changed { row.record(TaskActivity(at: at, kind: problem.kind == .failure ? .failure : .error, text: "GET → \(problemLine(problem, httpStatus: row.httpStatus))")) }
    }

    /// The answer to a PUT: the outcome of the action it carried stays on the row (a later
    /// successful read does not hide a refusal), and a bulk action counts it toward its summary.
    private static func applyActionAnswer(_ result: ProtectionResult, change: ProtectionChange, at: Date,
                                          row: inout TaskRow, state: inout DashboardState) {
        // A different, newer intent is queued behind this PUT: the row stays PENDING for it.
        if row.pendingChange == change { row.pendingChange = nil }
        let failure: (code: String, message: String)?
        let line: String
        if case .protection(let protection) = result {
            row.protection = protection
            row.taskArn = protection.taskArn
            row.problem = nil
            if protection.enabled { row.lapsedAt = nil }
            line = protectionText(row, state: state)
            // An answer that does not say what was asked is no success: `protect && run-job` must not run unprotected.
            failure = protection.enabled == change.enabled ? nil
                : (code: change.enabled ? "NotProtected" : "StillProtected", message: "the agent answered \(line)")
            row.hint = nil
        } else if let problem = TaskProblem(result: result, at: at) {
            if let arn = arn(in: result) { row.taskArn = arn }
            line = problemLine(problem, httpStatus: row.httpStatus)
            failure = (problem.code, problem.message)
            row.hint = ProblemHint.hint(for: result, request: .put(change),
                                        caller: state.ecsCluster == nil ? .agent : .operatorCredentials)
        } else {
            return
        }
        if var action = row.lastAction, action.change == change, action.result == .inFlight {
            action.result = failure.map { .failed(code: $0.code, message: $0.message) } ?? .succeeded
            action.answeredAt = at
            row.lastAction = action
        }
        let kind: TaskActivity.Kind = switch (failure, result) {
        case (nil, _): .putSucceeded
        case (_, .failure), (_, .protection): .failure
        default: .error
        }
        row.record(TaskActivity(at: at, kind: kind,
                                text: "PUT \(Wording.change(change)) → \(line)"))
        if var bulk = state.bulk, bulk.change == change, bulk.targets.contains(row.id) {
            let complete = bulk.record(row.id, failureCode: failure?.code, hint: row.hint)
            state.bulk = complete ? nil : bulk
            if complete { summarize(bulk, at: at, in: &state) }
        } else if failure != nil {
            // The agent's hints speak of the dashboard's own polling; the ECS API's say what to change.
            let hint = state.ecsCluster == nil ? "" : row.hint.map { " — \($0)" } ?? ""
            state.status = StatusMessage("\(Wording.change(change)) failed on \(row.displayName): \(line)\(hint)", isError: true)
        }
    }

    /// "protect 50: 20 protected, 30 DEPLOYMENT_BLOCKED — raise the desired count…": in the status
    /// line and the events pane, so the outcome of every task is said once the last one answered.
    private static func summarize(_ bulk: BulkAction, at: Date, in state: inout DashboardState) {
        let verb = bulk.change.enabled ? "protected" : "unprotected"
        var parts = ["\(bulk.succeeded) \(verb)"]
        parts += bulk.failuresByCode.map { "\($0.count) \($0.code)" }
        let hint = bulk.failuresByCode.first.flatMap { bulk.hints[$0.code] }.map { " — \($0)" } ?? ""
        let text = "\(Wording.change(bulk.change)) \(bulk.targets.count): \(parts.joined(separator: ", "))\(hint)"
        let failed = !bulk.failuresByCode.isEmpty
        state.status = StatusMessage(text, isError: failed)
        state.notice(TaskActivity(at: at, kind: failed ? .failure : .putSucceeded, text: text))
    }

    /// What this answer says of the source serving `row`: the row's own view (it got no usable
    /// answer, or it did again) and, for a source-wide fault, the whole source's.
    private static func noteSourceHealth(_ result: ProtectionResult, row: inout TaskRow, at: Date, state: inout DashboardState) {
        let name = row.sourceName
        let fromECSAPI = state.ecsCluster != nil
        guard SourceHealth.isSourceFault(result, fromECSAPI: fromECSAPI), let fault = TaskProblem(result: result, at: at) else {
            row.sourceFault = nil
            if let health = state.failingSources.removeValue(forKey: name) {
                state.notice(TaskActivity(at: at, kind: .poll, text: "\(name) answers again after \(TimeText.age(at.timeIntervalSince(health.since)))"))
            }
            return
        }
        if let known = row.sourceFault, known.sameContent(as: fault) { row.sourceFault?.at = min(known.at, at) } else {
            row.sourceFault = TaskProblem(kind: fault.kind, code: fault.code, message: fault.message, at: row.sourceFault?.at ?? at)
        }
        guard SourceHealth.isSourceWide(result, fromECSAPI: fromECSAPI) else { return }
        if var health = state.failingSources[name] {
            // Written back only when it says something new: every write re-sorts and re-counts
            // the rows, and during an outage every task's answer comes through here.
            guard health.code != fault.code || health.message != fault.message else { return }
            health.code = fault.code
            health.message = fault.message
            state.failingSources[name] = health
        } else {
            state.failingSources[name] = SourceHealth(name: name, code: fault.code, message: fault.message, since: at)
            state.notice(TaskActivity(at: at, kind: .error, text: "\(name) failing: \(fault.summary)"))
        }
    }

    /// "TASK_NOT_VALID: …", with the HTTP status first when it was not 200.
    private static func problemLine(_ problem: TaskProblem, httpStatus: Int?) -> String {
        (httpStatus.map { $0 == 200 ? "" : "\($0) " } ?? "") + problem.summary
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
