import Dashboard
import Foundation
import ProtectionCore
import TerminalUI

/// A cluster watched through the ECS API with services: tasks found with their lifecycle, their
/// protection answered, and the services as `DescribeServices` read them.
enum ServiceFixtures {
    static let t0 = Fixtures.t0

    static func arn(_ service: String, _ index: Int) -> String {
        "arn:aws:ecs:us-east-1:123456789012:task/prod/" + String((service + String(index) + String(repeating: "0", count: 32)).prefix(32))
    }

    /// A task of `service` running `taskDefinition`, protected for `minutesLeft` (nil: unprotected).
    struct Task {
        var service: String
        var taskDefinition: String
        var minutesLeft: Double?
        var lifecycle: TaskLifecycle? = nil
    }

    /// A state on `cluster` with `tasks` found and answered, `services` read, and `view` shown.
    static func state(tasks: [Task], services: [ServiceStatus], width: Int = 80, height: Int = 24) -> DashboardState {
        var state = DashboardState(endpoints: [], now: t0, timeZone: Fixtures.utc, width: width, height: height, ecsCluster: "prod")
        var perService: [String: Int] = [:]
        let targets = tasks.enumerated().map { id, task in
            let number = perService[task.service, default: 0]
            perService[task.service] = number + 1
            let taskArn = arn(task.service, number)
            let lifecycle = task.lifecycle ?? TaskLifecycle(
                service: task.service, taskDefinition: task.taskDefinition, lastStatus: "RUNNING", desiredStatus: "RUNNING",
                startedAt: t0.addingTimeInterval(-3600 - Double(id) * 60), availabilityZone: "us-east-1" + ["a", "b", "c"][id % 3])
            return SourceTarget(id: id, label: "\(task.service)/\(taskArn.split(separator: "/").last!.prefix(8))", taskArn: taskArn,
                                service: task.service, lifecycle: lifecycle)
        }
        _ = DashboardReducer.reduce(&state, .source(.targetsAdded(targets)))
        for (id, task) in tasks.enumerated() {
            let expiry = task.minutesLeft.map { t0.addingTimeInterval($0 * 60) }
            let result = ProtectionResult.protection(TaskProtection(
                enabled: task.minutesLeft != nil, expirationDate: expiry, taskArn: targets[id].taskArn ?? ""))
            _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(
                target: id, request: .get, response: Fixtures.response(result, at: t0.addingTimeInterval(-1))))))
        }
        _ = DashboardReducer.reduce(&state, .source(.servicesRead(services)))
        _ = DashboardReducer.reduce(&state, .tick(t0))
        return state
    }

    static func deployment(_ taskDefinition: String, status: String = "PRIMARY", desired: Int, running: Int,
                           rollout: String = "COMPLETED", reason: String? = nil) -> ServiceStatus.Deployment {
        ServiceStatus.Deployment(
            id: "ecs-svc/\(taskDefinition)", status: status, taskDefinition: taskDefinition, desired: desired,
            running: running, pending: 0, rolloutState: rollout, rolloutStateReason: reason)
    }

    static func event(_ minutesAgo: Double, _ message: String) -> ServiceStatus.Event {
        ServiceStatus.Event(id: "ev-\(Int(minutesAgo * 60))", createdAt: t0.addingTimeInterval(-minutesAgo * 60), message: message)
    }

    /// `web` scaled from 6 to 4 with all six protected; `worker` at 20 of 20 protected; `api` in
    /// a deployment that waits on three protected old tasks; `batch` with nothing waiting.
    static func cluster(width: Int = 80, height: Int = 24) -> DashboardState {
        var tasks: [Task] = (0..<6).map { Task(service: "web", taskDefinition: "web:3", minutesLeft: 20 + Double($0) * 7) }
        tasks += (0..<4).map { _ in Task(service: "worker", taskDefinition: "worker:9", minutesLeft: 90) }
        tasks += (0..<3).map { Task(service: "api", taskDefinition: "api:4", minutesLeft: 45 - Double($0) * 10) }
        tasks += (0..<2).map { _ in Task(service: "api", taskDefinition: "api:5", minutesLeft: nil) }
        tasks += (0..<2).map { Task(service: "batch", taskDefinition: "batch:1", minutesLeft: $0 == 0 ? 15 : nil) }
        let services = [
            ServiceStatus(name: "api", desired: 2, running: 5, pending: 0, deployments: [
                deployment("api:5", desired: 2, running: 2, rollout: "IN_PROGRESS", reason: "ECS deployment ecs-svc/5 in progress."),
                deployment("api:4", status: "ACTIVE", desired: 0, running: 3, rollout: "IN_PROGRESS"),
            ], events: [
                event(2, "(service api) (deployment ecs-svc/5) is waiting on 3 tasks of the previous deployment under protection."),
                event(3, "(service api) has started 2 tasks: (task aaaa) (task bbbb)."),
            ]),
            ServiceStatus(name: "batch", desired: 2, running: 2, pending: 0, deployments: [deployment("batch:1", desired: 2, running: 2)],
                          events: [event(30, "(service batch) has reached a steady state.")]),
            ServiceStatus(name: "web", desired: 4, running: 6, pending: 0, deployments: [deployment("web:3", desired: 4, running: 6)],
                          events: [
                            event(1, "(service web) was unable to scale in due to (reason: 6 tasks under protection)."),
                            event(12, "(service web) has reached a steady state."),
                          ]),
            ServiceStatus(name: "worker", desired: 4, running: 4, pending: 0,
                          deployments: [deployment("worker:9", desired: 4, running: 4)],
                          events: [event(5, "(service worker) has begun draining connections on 1 tasks.")]),
        ]
        return state(tasks: tasks, services: services, width: width, height: height)
    }
}
