import FoundationEssentials
import ProtectionCore

/// What the services view and the service events view show, derived from the services as last
/// read and the task rows.
extension DashboardState {
    /// The one line the services view shows for agent endpoints, which carry no service context.
    public static let noServiceContext =
        "agent endpoints carry no service context: watch with --cluster (the ECS API) to see services"

    /// The services in the order the view lists them (by name).
    public var serviceList: [ServiceStatus] { services ?? [] }

    /// The selected service, or the first.
    public var selectedService: ServiceStatus? {
        serviceList.first { $0.name == serviceSelection } ?? serviceList.first
    }

    /// The running tasks of `service` as the verdict needs them: rows that are not gone or leaving.
    func verdictTasks(of service: String) -> [ServiceVerdict.Task] {
        tasks.filter { $0.service == service && !$0.gone && !($0.lifecycle?.isLeaving ?? false) }.map { row in
            let protected = row.protection?.enabled == true && (remaining(of: row).map { $0 > 0 } ?? true)
            return ServiceVerdict.Task(
                label: row.displayName, protected: protected, expiresAt: protected ? row.expiresAt : nil,
                taskDefinition: row.lifecycle?.taskDefinition)
        }
    }

    /// What waits on protection in `service`, nil when nothing does.
    public func verdict(of service: ServiceStatus) -> ServiceVerdict? {
        ServiceVerdict.of(service, tasks: verdictTasks(of: service.name), timeZone: timeZone)
    }

    /// Protected tasks of `service` as the dashboard last read them.
    public func protectedCount(of service: String) -> Int {
        verdictTasks(of: service).filter(\.protected).count
    }

    /// Every service's events, newest first (with the service each belongs to), at most `limit`.
    public func serviceEvents(limit: Int) -> [(service: String, event: ServiceStatus.Event)] {
        let all = serviceList.flatMap { service in service.events.map { (service: service.name, event: $0) } }
        return Array(all.sorted { $0.event.createdAt != $1.event.createdAt ? $0.event.createdAt > $1.event.createdAt
            : $0.event.id > $1.event.id }.prefix(limit))
    }

    /// Whether the task was stopped by the service scheduler while protected: what protection
    /// exists to prevent, so it is flagged loudly (a spot interruption, a failed health check or
    /// `StopTask` stop protected tasks too, and are shown but not flagged).
    public func stoppedWhileProtected(_ row: TaskRow) -> Bool {
        guard let lifecycle = row.lifecycle, lifecycle.isLeaving, lifecycle.stoppedByScheduler else { return false }
        return row.protection?.enabled == true && (remaining(of: row).map { $0 > 0 } ?? true)
    }
}
