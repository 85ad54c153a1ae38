import FoundationEssentials
import ProtectionCore

/// What waits on protection in one service, in one line, computed from the service's numbers
/// (`DescribeServices`) and its tasks' protection as the dashboard last read it:
///
/// - "deployment web:4 waits on 3 protected old tasks: web/3f2a9c01, …; first expiry 14:32:05 (web/3f2a9c01)"
/// - "scale-in to 4 waits: 6 running, all 6 protected; first expiry 14:32:05 (web/3f2a9c01)"
/// - "20 of 20 protected: the next protect will be DEPLOYMENT_BLOCKED"
///
/// Nil when nothing waits.
public struct ServiceVerdict: Sendable, Equatable {
    /// A task of the service, as the verdict needs it.
    public struct Task: Sendable, Equatable {
        /// The row's label (`web/3f2a9c01`).
        public var label: String
        /// Whether protection is on now.
        public var protected: Bool
        /// When protection ends (local clock), when known.
        public var expiresAt: Date?
        /// The task definition `family:revision` it runs, when known.
        public var taskDefinition: String?

        /// Creates a task.
        public init(label: String, protected: Bool, expiresAt: Date? = nil, taskDefinition: String? = nil) {
            self.label = label
            self.protected = protected
            self.expiresAt = expiresAt
            self.taskDefinition = taskDefinition
        }
    }

    /// The line.
    public var text: String
    /// Whether it says that something waits (a scale-in or a rollout), rather than a warning.
    public var waits: Bool

    /// Creates a verdict.
    public init(text: String, waits: Bool) {
        self.text = text
        self.waits = waits
    }

    /// The verdict for `service` with its running `tasks`; times are written in `timeZone`.
    public static func of(_ service: ServiceStatus, tasks: [Task], timeZone: LocalTimeOffsets) -> ServiceVerdict? {
        let protected = tasks.filter(\.protected)
        if let rollout = service.rollout {
            let old = protected.filter { $0.taskDefinition != nil && $0.taskDefinition != rollout.taskDefinition }
            let oldRunning = service.deployments.filter { $0.status == "ACTIVE" }.reduce(0) { $0 + $1.running }
            if !old.isEmpty {
                let names = old.map(\.label).sorted()
                let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", +\(names.count - 3)" : "")
                return ServiceVerdict(
                    text: "deployment \(rollout.taskDefinition) waits on \(old.count) protected old \(noun(old.count)): \(shown)"
                        + expiry(old, timeZone: timeZone),
                    waits: true)
            }
            if oldRunning > 0, !protected.isEmpty, tasks.allSatisfy({ $0.taskDefinition == nil }) {
                return ServiceVerdict(
                    text: "deployment \(rollout.taskDefinition) waits on \(oldRunning) old \(noun(oldRunning)); "
                        + "\(protected.count) of the service's tasks protected" + expiry(protected, timeZone: timeZone),
                    waits: true)
            }
        }
        let excess = service.running - service.desired
        if excess > 0, protected.count > service.desired {
            let all = protected.count == service.running ? "all \(protected.count)" : "\(protected.count)"
            return ServiceVerdict(
                text: "scale-in to \(service.desired) waits: \(service.running) running, \(all) protected"
                    + expiry(protected, timeZone: timeZone),
                waits: true)
        }
        if service.desired > 0, protected.count >= service.desired {
            return ServiceVerdict(
                text: "\(protected.count) of \(service.desired) protected: the next protect will be DEPLOYMENT_BLOCKED",
                waits: false)
        }
        return nil
    }

    private static func noun(_ count: Int) -> String { count == 1 ? "task" : "tasks" }

    /// "; first expiry 14:32:05 (web/3f2a9c01)", or "" when no expiry is known.
    private static func expiry(_ tasks: [Task], timeZone: LocalTimeOffsets) -> String {
        let dated = tasks.compactMap { task in task.expiresAt.map { (at: $0, label: task.label) } }
        guard let first = dated.min(by: { $0.at != $1.at ? $0.at < $1.at : $0.label < $1.label }) else { return "" }
        return "; first expiry \(TimeText.clock(first.at, in: timeZone)) (\(first.label))"
    }
}
