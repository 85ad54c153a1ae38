import FoundationEssentials
import Synchronization

/// The simulated services: desired counts, deployments, the scheduler and its events.
extension AgentSimulator {
    /// The desired count the ECS API checks `DEPLOYMENT_BLOCKED` against for `service`, when one is set.
    public func desiredCount(forService service: String) -> Int? {
        desiredCounts[service]
    }

    /// Sets `service`'s desired count (a scale in or out); `nil` goes back to "every task of the service".
    /// From then on the service scheduler keeps the service at that count: a scale-in stops
    /// unprotected tasks and waits for protected ones, a scale-out starts tasks.
    public func setDesiredCount(_ count: Int?, forService service: String) {
        desiredCounts.set(count.map { max(0, $0) }, for: service)
        scheduler.schedule(service, nowMillis: TaskStore.milliseconds(clock.now()))
        reconcileServices()
    }

    /// Deploys the next task definition revision of `service`: new tasks start up to the desired
    /// count, old ones stop as their protection allows, and the rollout stays IN_PROGRESS while
    /// protected old tasks run.
    public func deploy(service: String) {
        scheduler.deploy(service, nowMillis: TaskStore.milliseconds(clock.now()))
        reconcileServices()
    }

    /// Runs the service scheduler once at the simulator's time (the ECS API runs it on each call).
    public func reconcileServices() {
        let nowMillis = TaskStore.milliseconds(clock.now())
        let configuration = configuration
        store.withRecords { records in
            scheduler.reconcile(records: &records, desired: desiredCounts, nowMillis: nowMillis) { service, revision, deployment in
                var record = TaskRecord(
                    endpointID: UUID().uuidString.lowercased(),
                    taskArn: "arn:aws:ecs:\(configuration.region):\(configuration.account):task/\(configuration.cluster)/\(Self.randomTaskID())",
                    fault: nil, service: service, startedAtMillis: nowMillis)
                record.revision = revision
                record.startedBy = deployment
                return record
            }
        }
    }

    /// The services' recent events, newest first (as `DescribeServices` answers them).
    public func serviceEvents(_ service: String) -> [String] {
        let nowMillis = TaskStore.milliseconds(clock.now())
        return scheduler.snapshot(records: store.all, nowMillis: nowMillis).first { $0.name == service }?.events.map(\.message) ?? []
    }
}
