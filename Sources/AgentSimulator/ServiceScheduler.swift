import FoundationEssentials
import Synchronization

/// The simulated ECS service scheduler: services' deployments and events, and the tasks it starts
/// and stops to reach each service's desired count, the way ECS does it under task protection.
///
/// - A scale-in stops only unprotected tasks (old revisions first), through STOPPING with
///   `stopCode` `ServiceSchedulerInitiated`; with every candidate protected it waits, and says so
///   in an event.
/// - A deployment starts the new revision's tasks up to the desired count and stops the old
///   revision's unprotected tasks; protected old tasks keep running until they are unprotected
///   or their protection expires, and the rollout stays IN_PROGRESS until then.
///
/// A service is scheduled once it is scaled or deployed while the simulator runs: the desired
/// counts a world starts with only bound protection (`DEPLOYMENT_BLOCKED`), so a world can start
/// with more tasks than its services want. The scheduler runs on each ECS API call and whenever
/// its owner asks (``AgentSimulator/reconcileServices()``), on the simulator's clock.
final class ServiceScheduler: Sendable {
    /// One deployment of a service.
    struct Deployment: Sendable, Equatable {
        var id: String
        var revision: Int
        var createdAtMillis: Int64
        var updatedAtMillis: Int64
        var rolloutState: String
        var rolloutStateReason: String
    }

    /// One service event (`DescribeServices` → `events`).
    struct Event: Sendable, Equatable {
        var id: String
        var createdAtMillis: Int64
        var message: String
    }

    /// What the scheduler knows of a service beyond its tasks.
    struct Service: Sendable, Equatable {
        var name: String
        var createdAtMillis: Int64
        /// Newest first; the PRIMARY deployment is the first.
        var deployments: [Deployment]
        /// Newest first, at most ``maximumEvents``.
        var events: [Event] = []
        /// Whether the scheduler starts and stops its tasks (scaled or deployed while running).
        var scheduled = false
        /// The last "waits" message, so a wait is told once, not on every pass.
        var lastWait: String?
        var steady = true

        var primary: Deployment { deployments[0] }
    }

    /// ECS keeps the 100 newest events of a service.
    static let maximumEvents = 100

    private let services = Mutex<[String: Service]>([:])
    private let eventCounter = Atomic<Int>(0)
    let drainMillis: Int64

    init(drainSeconds: TimeInterval) {
        drainMillis = Int64(max(0, drainSeconds) * 1000)
    }

    /// A stable deployment id, `ecs-svc/` and 19 digits, as ECS writes them.
    static func deploymentID(service: String, revision: Int) -> String {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in "\(service)#\(revision)".utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return "ecs-svc/" + String(1_000_000_000_000_000_000 + hash % 8_000_000_000_000_000_000)
    }

    /// The services known at `nowMillis`: every service a task belongs to, with its deployments.
    func snapshot(records: [TaskRecord], nowMillis: Int64) -> [Service] {
        services.withLock { services in
            for name in Set(records.compactMap(\.service)) where services[name] == nil {
                services[name] = Self.newService(name, revision: 1, nowMillis: nowMillis)
            }
            return services.values.sorted { $0.name < $1.name }
        }
    }

    /// Starts scheduling `service` (a scale changed its desired count).
    func schedule(_ service: String, nowMillis: Int64) {
        services.withLock { services in
            services[service, default: Self.newService(service, revision: 1, nowMillis: nowMillis)].scheduled = true
        }
    }

    /// Starts a new deployment of `service`: the next revision becomes PRIMARY.
    func deploy(_ service: String, nowMillis: Int64) {
        services.withLock { services in
            var state = services[service] ?? Self.newService(service, revision: 1, nowMillis: nowMillis)
            let revision = state.primary.revision + 1
            let id = Self.deploymentID(service: service, revision: revision)
            for index in state.deployments.indices {
                state.deployments[index].updatedAtMillis = nowMillis
            }
            state.deployments.insert(Deployment(
                id: id, revision: revision, createdAtMillis: nowMillis, updatedAtMillis: nowMillis,
                rolloutState: "IN_PROGRESS", rolloutStateReason: "ECS deployment \(id) in progress."), at: 0)
            state.scheduled = true
            state.lastWait = nil
            state.steady = false
            services[service] = state
        }
    }

    private static func newService(_ name: String, revision: Int, nowMillis: Int64) -> Service {
        let id = deploymentID(service: name, revision: revision)
        return Service(name: name, createdAtMillis: nowMillis - 3_600_000, deployments: [Deployment(
            id: id, revision: revision, createdAtMillis: nowMillis - 3_600_000, updatedAtMillis: nowMillis - 3_600_000,
            rolloutState: "COMPLETED", rolloutStateReason: "ECS deployment \(id) completed.")])
    }

    // MARK: Reconciling

    /// One pass of the scheduler over `records` at `nowMillis`: stops and starts tasks of every
    /// scheduled service toward its desired count. New tasks come back for the caller to append.
    func reconcile(
        records: inout [TaskRecord], desired: DesiredCountTable, nowMillis: Int64, newTask: (String, Int, String) -> TaskRecord
    ) {
        services.withLock { services in
            for name in services.keys.sorted() {
                guard var service = services[name], service.scheduled else { continue }
                reconcile(&service, records: &records, desired: desired[name], nowMillis: nowMillis, newTask: newTask)
                services[name] = service
            }
        }
    }

    private func reconcile(
        _ service: inout Service, records: inout [TaskRecord], desired: Int?, nowMillis: Int64,
        newTask: (String, Int, String) -> TaskRecord
    ) {
        let name = service.name
        let primary = service.primary
        func running(_ revision: Int?) -> [Int] {
            records.indices.filter {
                records[$0].service == name && !records[$0].stopped && (revision == nil || records[$0].revision == revision)
            }
        }
        let target = desired ?? running(nil).count
        var stoppedIDs: [String] = []
        var waiting: [String] = []
        func protected(_ index: Int) -> Bool { records[index].effectiveProtection(nowMillis: nowMillis).enabled }
        func stop(_ index: Int) {
            records[index].stop(
                reason: "Scaling activity initiated by (deployment \(primary.id))", code: "ServiceSchedulerInitiated",
                nowMillis: nowMillis, drainMillis: drainMillis)
            stoppedIDs.append(Self.taskID(records[index].taskArn))
        }
        // Old revisions: every unprotected task goes; protected ones hold the rollout back.
        let old = running(nil).filter { records[$0].revision != primary.revision }
        for index in old where !protected(index) { stop(index) }
        let heldOld = old.filter { !records[$0].stopped }
        // The primary revision: start up to the desired count, or stop unprotected tasks above it.
        let current = running(primary.revision)
        var started: [String] = []
        if current.count < target {
            for _ in current.count..<target {
                let record = newTask(name, primary.revision, primary.id)
                records.append(record)
                started.append(Self.taskID(record.taskArn))
            }
        } else if current.count > target {
            // Protected old tasks wait for the rollout, not for this: they are not counted here.
            var excess = current.count - target
            for index in current.reversed() where excess > 0 && !protected(index) {
                stop(index)
                excess -= 1
            }
            if excess > 0 {
                let held = running(nil).filter(protected).count
                waiting.append("(service \(name)) was unable to scale in due to (reason: \(held) tasks under protection).")
            }
        }
        if !started.isEmpty {
            add("(service \(name)) has started \(started.count) tasks: \(started.map { "(task \($0))" }.joined(separator: " ")).",
                to: &service, nowMillis: nowMillis)
        }
        if !stoppedIDs.isEmpty {
            add("(service \(name)) has begun draining connections on \(stoppedIDs.count) tasks.", to: &service, nowMillis: nowMillis)
            add("(service \(name)) has stopped \(stoppedIDs.count) running tasks: "
                    + stoppedIDs.map { "(task \($0))" }.joined(separator: " ") + ".", to: &service, nowMillis: nowMillis)
        }
        if !heldOld.isEmpty {
            waiting.append("(service \(name)) (deployment \(primary.id)) is waiting on \(heldOld.count) tasks of the previous "
                           + "deployment under protection.")
        }
        let wait = waiting.isEmpty ? nil : waiting.joined(separator: " ")
        if let wait, wait != service.lastWait {
            for message in waiting { add(message, to: &service, nowMillis: nowMillis) }
        }
        service.lastWait = wait
        // Deployments: the old ones leave once their last task is gone.
        if heldOld.isEmpty, service.deployments.count > 1 {
            service.deployments = [service.primary]
            service.deployments[0].rolloutState = "COMPLETED"
            service.deployments[0].rolloutStateReason = "ECS deployment \(primary.id) completed."
            service.deployments[0].updatedAtMillis = nowMillis
            add("(service \(name)) (deployment \(primary.id)) deployment completed.", to: &service, nowMillis: nowMillis)
        }
        let steady = wait == nil && service.deployments.count == 1 && started.isEmpty && stoppedIDs.isEmpty
        if steady, !service.steady {
            add("(service \(name)) has reached a steady state.", to: &service, nowMillis: nowMillis)
        }
        service.steady = steady
    }

    /// `value` in lowercase hexadecimal, zero-padded to `width` digits (as `%0Nlx` writes it).
    private static func hexadecimal(_ value: Int, width: Int) -> String {
        let digits = String(UInt(bitPattern: value), radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private func add(_ message: String, to service: inout Service, nowMillis: Int64) {
        let number = eventCounter.add(1, ordering: .relaxed).newValue
        let id = Self.hexadecimal(number, width: 8) + "-0000-4000-8000-" + Self.hexadecimal(Int(nowMillis) & 0xffff_ffff_ffff, width: 12)
        service.events.insert(Event(id: id, createdAtMillis: nowMillis, message: message), at: 0)
        if service.events.count > Self.maximumEvents { service.events.removeLast(service.events.count - Self.maximumEvents) }
    }

    static func taskID(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
