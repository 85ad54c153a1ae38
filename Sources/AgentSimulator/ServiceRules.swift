/// What ECS refuses before it changes a task's protection, one model for both ways in: the ECS
/// API's `UpdateTaskProtection` and the agent endpoint's PUT (which relays ECS's answer). A task
/// outside a service is `TASK_NOT_VALID`; protecting one more task of a service than its desired
/// count is `DEPLOYMENT_BLOCKED`.
struct ServiceRules {
    /// A refusal: ECS's `Reason` and `Detail`.
    struct Refusal: Equatable {
        var reason: String
        var detail: String
    }

    /// Running and protected tasks per service, kept current as a batch changes protections.
    private(set) var tasksPerService: [String: Int] = [:]
    private(set) var protectedPerService: [String: Int] = [:]
    let desiredCounts: DesiredCountTable
    let nowMillis: Int64

    /// The tallies of `records` at `nowMillis`.
    init(records: [TaskRecord], desiredCounts: DesiredCountTable, nowMillis: Int64) {
        self.desiredCounts = desiredCounts
        self.nowMillis = nowMillis
        for record in records where !record.stopped {
            guard let service = record.service else { continue }
            tasksPerService[service, default: 0] += 1
            if record.effectiveProtection(nowMillis: nowMillis).enabled { protectedPerService[service, default: 0] += 1 }
        }
    }

    /// Why `record`'s protection may not be set to `enabled`, or nil when ECS accepts it.
    func refusal(for record: TaskRecord, enabling enabled: Bool) -> Refusal? {
        guard let service = record.service, record.fault != .taskNotValid else {
            return Refusal(reason: "TASK_NOT_VALID", detail: "The task is not part of a service.")
        }
        if enabled, !record.effectiveProtection(nowMillis: nowMillis).enabled,
           (protectedPerService[service] ?? 0) + 1 > desiredCounts[service] ?? tasksPerService[service] ?? 0 {
            return Refusal(reason: "DEPLOYMENT_BLOCKED", detail: "The service has more protected tasks than its desired count.")
        }
        return nil
    }

    /// Counts the change of `record`'s protection to `enabled`, for the next task of the batch.
    mutating func apply(_ record: TaskRecord, enabling enabled: Bool) {
        guard let service = record.service else { return }
        let was = record.effectiveProtection(nowMillis: nowMillis).enabled
        protectedPerService[service, default: 0] += (enabled ? 1 : 0) - (was ? 1 : 0)
    }
}
