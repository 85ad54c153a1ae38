import FoundationEssentials
import ProtectionCore

/// A task's lifecycle as the ECS API told it (service, revision, statuses, start, zone, why it
/// stops), written on `task.added` and `task.stopping` so a replay shows the row's PROBLEM column
/// (`r3 RUNNING 12m us-west-2a`, `STOPPING ServiceSchedulerInitiated: …`) as live did.
public enum LifecycleFields {
    /// The fields of `lifecycle` (`started` in microseconds since 1970, like the answer fields).
    public static func of(_ lifecycle: TaskLifecycle) -> [String: String] {
        var fields: [String: String] = [:]
        fields["service"] = lifecycle.service
        fields["taskDefinition"] = lifecycle.taskDefinition
        fields["lastStatus"] = lifecycle.lastStatus
        fields["desiredStatus"] = lifecycle.desiredStatus
        fields["started"] = lifecycle.startedAt.map(AnswerFields.micros)
        fields["zone"] = lifecycle.availabilityZone
        fields["stopCode"] = lifecycle.stopCode
        fields["stoppedReason"] = lifecycle.stoppedReason
        return fields
    }

    /// The lifecycle `fields` tell, when they tell one (a record written without them has none).
    /// Each value is the file's, hostile: at most ``maximumLength`` characters are believed.
    public static func lifecycle(_ fields: [String: String]) -> TaskLifecycle? {
        func text(_ key: String) -> String? { fields[key].map { String($0.prefix(maximumLength)) } }
        let lifecycle = TaskLifecycle(
            service: text("service"), taskDefinition: text("taskDefinition"), lastStatus: text("lastStatus"),
            desiredStatus: text("desiredStatus"), startedAt: AnswerFields.instant(fields["started"]), availabilityZone: text("zone"),
            stoppedReason: text("stoppedReason"), stopCode: text("stopCode"))
        return lifecycle == TaskLifecycle() ? nil : lifecycle
    }

    /// The longest value believed (ECS's own are far shorter; a stopped reason is at most 255).
    static let maximumLength = 1000
}
