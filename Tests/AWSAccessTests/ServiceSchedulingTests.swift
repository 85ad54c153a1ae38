import AgentSimulator
import AWSAccess
import Foundation
import ProtectionCore
import Testing

/// Services on the simulated ECS API, read through the client: scale-in and deployments under
/// task protection, service events, and what `DescribeTasks` says of a task on its way out.
@Suite(.serialized) struct ServiceSchedulingTests {
    private func sixWebTasks() -> SimulatorConfiguration {
        var configuration = apiConfiguration(taskCount: 6)
        configuration.defaultService = "web"
        configuration.stoppingSeconds = 3600
        return configuration
    }

    private func service(_ client: ECSClient, _ cluster: String, _ name: String) async throws -> ServiceStatus {
        try #require(try await client.describeServices(cluster: cluster, services: [name]).get().first)
    }

    @Test func aScaleInStopsOnlyUnprotectedTasksAndWaitsForTheProtectedOnes() async throws {
        try await withAPI(sixWebTasks()) { simulator, client in
            let cluster = simulator.clusterName
            let arns = try await client.listTasks(.init(cluster: cluster)).get()
            #expect(arns.count == 6)
            let protected = await client.updateTaskProtection(cluster: cluster, tasks: arns, enabled: true, expiresInMinutes: 30)
            #expect(protected.allSatisfy { if case .protection(let p) = $0.response.result { p.enabled } else { false } })

            simulator.setDesiredCount(4, forService: "web")
            var web = try await service(client, cluster, "web")
            #expect(web.desired == 4 && web.running == 6 && web.pending == 0)
            #expect(web.deployments.map(\.status) == ["PRIMARY"])
            #expect(web.deployments.first?.taskDefinition == "web:1")
            #expect(web.events.first?.message == "(service web) was unable to scale in due to (reason: 6 tasks under protection).")
            #expect(try await client.listTasks(.init(cluster: cluster)).get().count == 6, "every candidate is protected: nothing stops")

            let released = Array(arns.suffix(2))
            _ = await client.updateTaskProtection(cluster: cluster, tasks: released, enabled: false)
            let listed = try await client.listTasks(.init(cluster: cluster)).get()
            #expect(Set(listed) == Set(arns.prefix(4)), "the two unprotected tasks leave the listing at once")
            let described = try await client.describeTasks(cluster: cluster, tasks: released).get()
            #expect(described.tasks.count == 2)
            for task in described.tasks {
                #expect(task.lastStatus == "STOPPING" && task.desiredStatus == "STOPPED")
                #expect(task.stopCode == "ServiceSchedulerInitiated")
                #expect(task.stoppedReason?.hasPrefix("Scaling activity initiated by (deployment ecs-svc/") == true)
                #expect(task.serviceName == "web" && task.availabilityZone?.hasPrefix(simulator.configuration.region) == true)
            }
            web = try await service(client, cluster, "web")
            #expect(web.running == 4)
            let messages = web.events.map(\.message)
            let stopped = try #require(messages.first { $0.contains("has stopped 2 running tasks") })
            for arn in released { #expect(stopped.contains(String(arn.split(separator: "/").last!))) }
            #expect(messages.contains("(service web) has begun draining connections on 2 tasks."))
            #expect(web.events.map(\.createdAt) == web.events.map(\.createdAt).sorted(by: >), "newest first")
        }
    }

    @Test func aDeploymentReplacesOldTasksButLeavesProtectedOnesAndStaysInProgress() async throws {
        var configuration = sixWebTasks()
        configuration.taskCount = 4
        configuration.serviceDesiredCounts = ["web": 4]
        try await withAPI(configuration) { simulator, client in
            let cluster = simulator.clusterName
            let old = try await client.listTasks(.init(cluster: cluster)).get()
            let held = Array(old.prefix(3))
            _ = await client.updateTaskProtection(cluster: cluster, tasks: held, enabled: true, expiresInMinutes: 30)

            simulator.deploy(service: "web")
            let listed = try await client.listTasks(.init(cluster: cluster)).get()
            #expect(listed.count == 7, "4 new tasks, 3 protected old ones")
            #expect(Set(held).isSubset(of: Set(listed)) && !listed.contains(old[3]))
            var web = try await service(client, cluster, "web")
            #expect(web.deployments.map(\.status) == ["PRIMARY", "ACTIVE"])
            #expect(web.deployments.map(\.taskDefinition) == ["web:2", "web:1"])
            #expect(web.deployments[0].rolloutState == "IN_PROGRESS")
            #expect(web.deployments[0].running == 4 && web.deployments[1].running == 3)
            #expect(web.rollout?.taskDefinition == "web:2")
            #expect(web.events.contains { $0.message.contains("waiting on 3 tasks of the previous deployment under protection") })
            let newTasks = try await client.describeTasks(cluster: cluster, tasks: listed.filter { !held.contains($0) }).get().tasks
            #expect(newTasks.allSatisfy { $0.taskDefinitionArn?.hasSuffix("task-definition/web:2") == true })

            _ = await client.updateTaskProtection(cluster: cluster, tasks: held, enabled: false)
            web = try await service(client, cluster, "web")
            #expect(web.deployments.map(\.status) == ["PRIMARY"])
            #expect(web.deployments[0].rolloutState == "COMPLETED")
            #expect(web.running == 4)
            #expect(web.events.first?.message.contains("deployment completed") == true)
        }
    }

    @Test func servicesAreListedInPagesAndDescribedTenPerCall() async throws {
        var configuration = apiConfiguration(taskCount: 50)
        configuration.taskServices = Dictionary(uniqueKeysWithValues: (0..<50).map { ($0, "svc-\(String(format: "%02d", $0 / 2))") })
        try await withAPI(configuration) { simulator, client in
            let cluster = simulator.clusterName
            var calls = client.requestsSent
            let arns = try await client.listServices(cluster: cluster).get()
            #expect(arns.count == 25 && client.requestsSent - calls == 1)
            #expect(arns.first == "arn:aws:ecs:\(configuration.region):\(configuration.account):service/\(cluster)/svc-00")
            calls = client.requestsSent
            let services = try await client.describeServices(cluster: cluster, services: arns).get()
            #expect(client.requestsSent - calls == 3, "25 services are 3 DescribeServices calls")
            #expect(services.map(\.name) == (0..<25).map { "svc-\(String(format: "%02d", $0))" })
            #expect(services.allSatisfy { $0.desired == 2 && $0.running == 2 })
            let missing = try await client.describeServices(cluster: cluster, services: ["nope"]).get()
            #expect(missing.isEmpty)
        }
    }

    @Test func aTaskLeavingTheListingIsDescribedOnceWithWhyItStops() async throws {
        var configuration = apiConfiguration(taskCount: 3)
        configuration.stoppingSeconds = 3600
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 0.3, gone: 3600)) { simulator, monitor, log in
            try await log.waitUntil("three tasks") { $0.latest.count == 3 }
            let added = log.targets.values
            #expect(added.allSatisfy { $0.lifecycle?.lastStatus == "RUNNING" && $0.lifecycle?.taskDefinition == "app:1" })
            try simulator.stopTask(1)
            let stoppedID = try #require(added.first { $0.taskArn == simulator.tasks[1].taskArn }?.id)
            monitor.refreshNow(nil)
            try await log.waitUntil("the stopped task described") { log in
                log.all.contains { if case .lifecyclesChanged(let changed) = $0 { changed[stoppedID] != nil } else { false } }
            }
            let leaving = log.all.compactMap { event -> TaskLifecycle? in
                if case .lifecyclesChanged(let changed) = event { return changed[stoppedID] }
                return nil
            }
            #expect(leaving.count == 1)
            #expect(leaving.first?.lastStatus == "STOPPING" && leaving.first?.desiredStatus == "STOPPED")
            #expect(leaving.first?.stopCode == "UserInitiated" && leaving.first?.stoppedReason == "Task stopped by user")
            // Discovered again, it is not described again: it is already gone.
            let servicesReads = log.all.filter { if case .servicesRead = $0 { true } else { false } }.count
            monitor.refreshNow(nil)
            try await log.waitUntil("another discovery") { log in
                log.all.filter { if case .servicesRead = $0 { true } else { false } }.count > servicesReads
            }
            #expect(log.all.filter { if case .lifecyclesChanged = $0 { true } else { false } }.count == 1)
        }
    }

    @Test func deniedServiceActionsFailWithTheirIAMAction() async throws {
        var configuration = apiConfiguration(taskCount: 2)
        configuration.deniedActions = ["ListServices", "DescribeServices"]
        try await withAPI(configuration) { simulator, client in
            let error = try #require(await client.listServices(cluster: simulator.clusterName).failureValue)
            #expect(error.serviceError?.code == "AccessDeniedException")
            #expect(error.serviceError?.message.contains("ecs:ListServices") == true)
            #expect(try await client.listTasks(.init(cluster: simulator.clusterName)).get().count == 2, "tasks still read")
        }
    }
}
