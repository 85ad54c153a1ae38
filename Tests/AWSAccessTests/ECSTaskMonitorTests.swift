import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionCore
import Testing

/// The ECS API source against the simulator's ECS API over loopback.
@Suite(.serialized) struct ECSTaskMonitorTests {
    @Test func discoveryFollowsEveryPageAndLabelsTasksByServiceAndShortID() async throws {
        var configuration = apiConfiguration(taskCount: 250)
        configuration.taskServices = Dictionary(uniqueKeysWithValues: (0..<250).map { ($0, $0 % 2 == 0 ? "web" : "worker") })
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 60)) { simulator, _, log in
            try await log.waitUntil("every task answered once") { $0.latest.count == 250 }
            let targets = log.targets
            #expect(targets.count == 250)
            #expect(Set(targets.values.compactMap(\.taskArn)) == Set(simulator.tasks.map(\.taskArn)))
            for task in simulator.tasks {
                let target = try #require(targets.values.first { $0.taskArn == task.taskArn })
                let shortID = String(task.taskArn.split(separator: "/").last!.prefix(8))
                #expect(target.label == "\(task.service!)/\(shortID)")
                #expect(target.service == task.service)
            }
            #expect(log.latest.values.allSatisfy { $0.isUnprotected })
            // 3 ListTasks pages + 3 DescribeTasks + 3 GetTaskProtection (250 = 100 + 100 + 50),
            // and the services view's 1 ListServices + 1 DescribeServices (2 services).
            try await log.waitUntil("the services read") { log in
                log.all.contains { if case .servicesRead(let services) = $0 { services.map(\.name) == ["web", "worker"] } else { false } }
            }
            #expect(simulator.ecsAPIRequestCount == 11)
            #expect(log.all.contains(.monitor(.effectiveIntervalChanged(60))))
        }
    }

    @Test func onlyTheSelectedServicesAndTasksAreWatched() async throws {
        var configuration = apiConfiguration(taskCount: 6)
        configuration.taskServices = [0: "web", 1: "web", 2: "api", 3: "api", 4: "worker", 5: "worker"]
        try await withECSMonitor(
            configuration,
            selection: { simulator in
                let worker = simulator.tasks[5].taskArn
                return ECSTaskSelection(cluster: simulator.clusterName, services: ["web"],
                                        tasks: [String(worker.split(separator: "/").last!), "0123456789abcdef0123456789abcdef"])
            },
            monitor: ecsMonitorConfiguration(interval: 60)
        ) { simulator, _, log in
            try await log.waitUntil("four tasks answered") { $0.latest.count == 4 }
            let targets = log.targets.values.sorted { $0.id < $1.id }
            let tasks = simulator.tasks
            #expect(targets.map(\.taskArn) == [tasks[0].taskArn, tasks[1].taskArn, tasks[5].taskArn, nil])
            #expect(targets.last?.label == "01234567")
            let missing = try #require(log.latest[targets[3].id])
            #expect(missing.result.problemCode == "MISSING")
            #expect(ProblemHint.hint(for: missing.result, request: .get, caller: .operatorCredentials)?.contains("stopped") == true)
        }
    }

    @Test func tasksComingAndGoingAreAddedMarkedGoneAndRemoved() async throws {
        try await withECSMonitor(apiConfiguration(taskCount: 3), monitor: ecsMonitorConfiguration(interval: 0.3, gone: 0.5)) {
            simulator, monitor, log in
            try await log.waitUntil("three tasks") { $0.latest.count == 3 }
            let newIndex = simulator.addTask(service: "app")
            try simulator.stopTask(0)
            let stoppedArn = simulator.tasks[0].taskArn
            let stoppedID = try #require(log.targets.values.first { $0.taskArn == stoppedArn }?.id)
            monitor.refreshNow(nil)
            try await log.waitUntil("the new task answered") { log in
                log.targets.values.contains { $0.taskArn == simulator.tasks[newIndex].taskArn }
                    && log.latest.count == 4
            }
            try await log.waitUntil("the stopped task gone, then removed") { log in
                log.all.contains(.targetsGone([stoppedID])) && log.all.contains(.targetsRemoved([stoppedID]))
            }
            let all = log.all
            let goneAt = try #require(all.firstIndex(of: .targetsGone([stoppedID])))
            let removedAt = try #require(all.firstIndex(of: .targetsRemoved([stoppedID])))
            #expect(goneAt < removedAt)
            // Once gone, the task is not polled again.
            #expect(!all[goneAt...].contains { event in
                if case .monitor(.requestStarted(stoppedID, _, _)) = event { return true }
                return false
            })
            #expect(monitor.targets.count == 3)
        }
    }

    @Test func updatesGoTenTasksPerCallEachWithItsOwnOutcome() async throws {
        try await withECSMonitor(apiConfiguration(taskCount: 11), monitor: ecsMonitorConfiguration(interval: 3600)) {
            simulator, monitor, log in
            try await log.waitUntil("eleven tasks") { $0.latest.count == 11 }
            let before = simulator.ecsAPIRequestCount
            let ids = log.targets.keys.sorted()
            monitor.send(try .protect(minutes: 15), to: Array(ids.prefix(10)))
            try await log.waitUntil("ten protected") { log in ids.prefix(10).allSatisfy { log.latest[$0]?.isProtected == true } }
            #expect(simulator.ecsAPIRequestCount - before == 1, "10 tasks are one UpdateTaskProtection")

            let again = simulator.ecsAPIRequestCount
            monitor.send(.unprotect, to: ids)
            // The eleventh task was never protected: its own outcome, not its state, says its call is back.
            try await log.waitUntil("eleven unprotect outcomes") { log in
                log.responses.filter { $0.request == .put(.unprotect) }.count == 11
            }
            #expect(ids.allSatisfy { log.latest[$0]?.isUnprotected == true })
            #expect(simulator.ecsAPIRequestCount - again == 2, "11 tasks are two UpdateTaskProtection calls")
            #expect(simulator.tasks.allSatisfy { !$0.protectionEnabled })
            let puts = log.responses.filter { $0.request == .put(.unprotect) }
            #expect(puts.count == 11 && Set(puts.map(\.target)) == Set(ids), "one outcome per task")
        }
    }

    @Test(arguments: [100, 101])
    func readsGoAHundredTasksPerCall(taskCount: Int) async throws {
        try await withECSMonitor(apiConfiguration(taskCount: taskCount), monitor: ecsMonitorConfiguration(interval: 3600)) {
            simulator, monitor, log in
            try await log.waitUntil("every task answered") { $0.latest.count == taskCount }
            let before = simulator.ecsAPIRequestCount
            let answered = log.responses.count
            monitor.refreshNow(log.targets.keys.sorted())
            try await log.waitUntil("every task answered again") { $0.responses.count == answered + taskCount }
            #expect(simulator.ecsAPIRequestCount - before == (taskCount + 99) / 100)
        }
    }

    @Test func aBatchCanSucceedForSomeTasksAndFailForOthers() async throws {
        var configuration = apiConfiguration(taskCount: 4)
        configuration.taskServices = [0: "web", 1: "web", 2: "web"]
        configuration.defaultService = nil
        configuration.serviceDesiredCounts = ["web": 2]
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 3600)) { simulator, monitor, log in
            try await log.waitUntil("four tasks") { $0.latest.count == 4 }
            let byArn = Dictionary(uniqueKeysWithValues: log.targets.values.map { ($0.taskArn!, $0.id) })
            let ids = simulator.tasks.map { byArn[$0.taskArn]! }
            let answered = log.responses.count
            monitor.send(try .protect(), to: ids)
            try await log.waitUntil("four PUT outcomes") { $0.responses.count == answered + 4 }
            let latest = log.latest
            #expect(latest[ids[0]]?.isProtected == true)
            #expect(latest[ids[1]]?.isProtected == true)
            #expect(latest[ids[2]]?.result.problemCode == "DEPLOYMENT_BLOCKED")
            #expect(latest[ids[3]]?.result.problemCode == "TASK_NOT_VALID")
            let blocked = try #require(latest[ids[2]])
            #expect(ProblemHint.hint(for: blocked.result, request: .put(try .protect()), caller: .operatorCredentials)?
                .contains("desired count") == true)
        }
    }

    @Test func throttledRoundsBackOffAndRecover() async throws {
        var configuration = apiConfiguration(taskCount: 2)
        configuration.initialFaults = [0: .throttled]
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 0.2, backoffInitial: 0.4)) {
            simulator, _, log in
            try await log.waitUntil("four throttled rounds") { log in
                log.responses.filter { $0.response.result.problemCode == "ThrottlingException" }.count >= 8
            }
            let throttled = log.responses.filter { $0.response.result.problemCode == "ThrottlingException" && $0.target == 0 }
            let times = throttled.map(\.response.receivedAt)
            let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
            // 0.4, 0.8, 1.6 s between rounds (each at least the previous one, well above the 0.2 s interval).
            #expect(gaps.count >= 3)
            #expect(gaps[0] >= 0.35)
            #expect(gaps[2] >= gaps[0] * 2 * 0.9, "backoff doubles: \(gaps)")
            let hint = ProblemHint.hint(for: throttled[0].response.result, request: .get, caller: .operatorCredentials)
            #expect(hint?.contains("throttled") == true)

            try simulator.setFault(nil, forTask: 0)
            try await log.waitUntil(timeout: 30, "polling recovered") { log in
                log.latest[0]?.isUnprotected == true && log.latest[1]?.isUnprotected == true
            }
            let recovered = log.responses.count
            try await log.waitUntil("ordinary rounds again") { $0.responses.count >= recovered + 4 }
            let last = log.responses.suffix(4).map(\.response.receivedAt)
            #expect(last.last!.timeIntervalSince(last.first!) < 1.5, "the backoff is reset by a good answer")
        }
    }

    @Test func expiredCredentialsSayWhatToDoOrAreReplacedByRefreshedOnes() async throws {
        let expiring = SimulatorConfiguration.APICredential(
            accessKeyID: "ASIAEXPIRINGKEY00001", secretAccessKey: "expiringSecret", sessionToken: "token-1")
        let fresh = SimulatorConfiguration.APICredential(
            accessKeyID: "ASIAREFRESHEDKEY0002", secretAccessKey: "refreshedSecret", sessionToken: "token-2")
        var configuration = apiConfiguration(taskCount: 2)
        var expiringKey = expiring
        expiringKey.expiresAt = Date().addingTimeInterval(1.5)
        configuration.apiCredentials = [expiringKey, fresh]
        let old = AWSCredentials(accessKeyID: expiring.accessKeyID, secretAccessKey: expiring.secretAccessKey,
                                 sessionToken: expiring.sessionToken)
        let new = AWSCredentials(accessKeyID: fresh.accessKeyID, secretAccessKey: fresh.secretAccessKey,
                                 sessionToken: fresh.sessionToken)

        // Never refreshed: the rows say the token expired and what to do.
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 0.3),
                                 credentials: StaticCredentialsProvider(old)) { _, _, log in
            try await log.waitUntil("two tasks protected-or-not") { $0.latest.count == 2 }
            try await log.waitUntil("the token expired") { log in
                log.latest.values.allSatisfy { $0.result.problemCode == "ExpiredTokenException" }
            }
            let row = try #require(log.latest.values.first)
            #expect(ProblemHint.hint(for: row.result, request: .get, caller: .operatorCredentials)?.contains("refresh") == true)
        }

        // Refreshed mid-session: the rows recover with the new key.
        expiringKey.expiresAt = Date().addingTimeInterval(1.5)
        configuration.apiCredentials = [expiringKey, fresh]
        let provider = SwitchingCredentialsProvider(before: old, after: new, switchAt: Date().addingTimeInterval(2.5))
        try await withECSMonitor(configuration, monitor: ecsMonitorConfiguration(interval: 0.3), credentials: provider) {
            _, _, log in
            try await log.waitUntil("answers with the first key") { $0.latest.count == 2 }
            try await log.waitUntil(timeout: 30, "answers with the refreshed key") { log in
                Date() > provider.switchAt.addingTimeInterval(0.5) && log.latest.values.allSatisfy { $0.isUnprotected }
            }
        }
    }

    @Test func aDiscoveryFailureNamesTheMissingPermission() async throws {
        var configuration = apiConfiguration(taskCount: 2)
        configuration.cluster = "other"
        try await withECSMonitor(
            configuration, selection: { _ in ECSTaskSelection(cluster: "nope") }, monitor: ecsMonitorConfiguration(interval: 60)
        ) { _, _, log in
            try await log.waitUntil("discovery failed") { log in
                log.all.contains { if case .discoveryFailed = $0 { true } else { false } }
            }
            guard case .discoveryFailed(let error, let hint) = log.all.first(where: {
                if case .discoveryFailed = $0 { true } else { false }
            }) else { return }
            #expect(error.code == "ClusterNotFoundException")
            #expect(error.message.hasPrefix("ListTasks: "))
            #expect(hint?.contains("--cluster") == true)
        }
        #expect(ProblemHint.hint(code: "AccessDeniedException", operation: "ListTasks", caller: .operatorCredentials)?
            .contains("ecs:ListTasks") == true)
    }
}
