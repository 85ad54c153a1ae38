import AgentSimulator
import AWSAccess
import AWSSigning
import Foundation
import ProtectionClient
import ProtectionCore
import Testing

/// The ECS client against the simulator's ECS API over loopback, for every operation and batch size.
@Suite(.serialized) struct ECSClientSimulatorTests {
    @Test(arguments: [1, 10, 11, 100, 101, 1000])
    func everyOperationAtBatchBoundaries(taskCount: Int) async throws {
        try await withAPI(apiConfiguration(taskCount: taskCount)) { simulator, client in
            let cluster = simulator.clusterName
            let expectedArns = simulator.tasks.map(\.taskArn)

            var calls = client.requestsSent
            let listed = try await client.listTasks(.init(cluster: cluster, serviceName: "app")).get()
            #expect(listed == expectedArns)
            #expect(client.requestsSent - calls == (taskCount + 99) / 100)

            calls = client.requestsSent
            let described = try await client.describeTasks(cluster: cluster, tasks: listed).get()
            #expect(described.tasks.map(\.taskArn) == expectedArns)
            #expect(described.tasks.allSatisfy { $0.serviceName == "app" && $0.lastStatus == "RUNNING" })
            #expect(described.failures.isEmpty)
            #expect(client.requestsSent - calls == (taskCount + 99) / 100)

            calls = client.requestsSent
            let before = await client.getTaskProtection(cluster: cluster, tasks: listed)
            #expect(before.map(\.task) == expectedArns)
            #expect(client.requestsSent - calls == (taskCount + 99) / 100)
            for outcome in before {
                #expect(outcome.response.result == .protection(TaskProtection(enabled: false, expirationDate: nil, taskArn: outcome.task)))
                #expect(outcome.response.httpStatus == 200)
            }

            calls = client.requestsSent
            let start = Date()
            let updated = await client.updateTaskProtection(cluster: cluster, tasks: listed, enabled: true, expiresInMinutes: 30)
            #expect(client.requestsSent - calls == (taskCount + 9) / 10)
            #expect(updated.count == taskCount)
            for outcome in updated {
                guard case .protection(let protection) = outcome.response.result else {
                    Issue.record("\(outcome.task): \(outcome.response.result)")
                    continue
                }
                #expect(protection.enabled && protection.taskArn == outcome.task)
                let remaining = try #require(protection.expirationDate).timeIntervalSince(start)
                #expect(remaining > 29 * 60 && remaining < 31 * 60)
            }
            #expect(simulator.tasks.allSatisfy { $0.protectionEnabled })

            let after = await client.getTaskProtection(cluster: cluster, tasks: listed)
            #expect(after.allSatisfy { if case .protection(let p) = $0.response.result { p.enabled } else { false } })
        }
    }

    @Test func listTasksPagesFollowMaxResultsAndTokens() async throws {
        try await withAPI(apiConfiguration(taskCount: 7)) { simulator, client in
            let first = try await client.listTasksPage(.init(cluster: simulator.clusterName), maxResults: 3).get()
            #expect(first.taskArns.count == 3)
            let token: String = try #require(first.nextToken)
            let second = try await client.listTasksPage(.init(cluster: simulator.clusterName), maxResults: 3, nextToken: token).get()
            let secondToken: String = try #require(second.nextToken)
            let third = try await client.listTasksPage(
                .init(cluster: simulator.clusterName), maxResults: 3, nextToken: secondToken).get()
            #expect(third.nextToken == nil)
            #expect(first.taskArns + second.taskArns + third.taskArns == simulator.tasks.map(\.taskArn))
            let stopped = try await client.listTasks(.init(cluster: simulator.clusterName, desiredStatus: "STOPPED")).get()
            #expect(stopped.isEmpty)
            let badToken = await client.listTasksPage(.init(cluster: simulator.clusterName), nextToken: "not-a-token")
            #expect(badToken.failureValue?.serviceError?.code == "InvalidParameterException")
            let noService = await client.listTasks(.init(cluster: simulator.clusterName, serviceName: "nope"))
            #expect(noService.failureValue?.serviceError?.code == "ServiceNotFoundException")
        }
    }

    @Test func protectionThroughTheAgentIsVisibleThroughTheAPIAndBack() async throws {
        try await withAPI(apiConfiguration(taskCount: 2)) { simulator, client in
            let agent = AgentHTTPClient()
            defer { Task { await agent.shutdown() } }
            let task = simulator.tasks[0]
            let endpoint = try EndpointParser.parse(task.agentURI)
            let put = await agent.send(.put(try ProtectionChange.protect(minutes: 45)), to: endpoint)
            guard case .protection(let viaAgent) = put.result else { Issue.record("\(put.result)"); return }

            let read = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [task.taskArn])
            guard case .protection(let viaAPI) = read.first?.response.result else { Issue.record("\(read)"); return }
            #expect(viaAPI.enabled)
            #expect(abs(try #require(viaAPI.expirationDate).timeIntervalSince(try #require(viaAgent.expirationDate))) < 0.002)

            let cleared = await client.updateTaskProtection(cluster: simulator.clusterName, tasks: [task.taskArn], enabled: false)
            #expect(cleared.first?.response.result == .protection(TaskProtection(enabled: false, expirationDate: nil, taskArn: task.taskArn)))
            let get = await agent.send(.get, to: endpoint)
            guard case .protection(let afterAgent) = get.result else { Issue.record("\(get.result)"); return }
            #expect(!afterAgent.enabled)
        }
    }

    @Test func perTaskFailuresComeBackInTheAgentsOutcomeModel() async throws {
        var configuration = apiConfiguration(taskCount: 4)
        configuration.taskServices = [0: "web", 1: "web"]
        configuration.serviceDesiredCounts = ["web": 1]
        configuration.defaultService = nil
        try await withAPI(configuration) { simulator, client in
            let tasks = simulator.tasks
            let unknown = "arn:aws:ecs:us-west-2:111122223333:task/demo/00000000000000000000000000000000"
            let outcomes = await client.updateTaskProtection(
                cluster: simulator.clusterName, tasks: [tasks[0].taskArn, tasks[1].taskArn, tasks[2].taskArn, unknown],
                enabled: true, expiresInMinutes: 10)
            #expect(outcomes.count == 4)
            guard case .protection(let first) = outcomes[0].response.result else { Issue.record("\(outcomes[0])"); return }
            #expect(first.enabled)
            #expect(outcomes[1].response.result.problemCode == "DEPLOYMENT_BLOCKED")
            #expect(outcomes[2].response.result.problemCode == "TASK_NOT_VALID")
            #expect(outcomes[3].response.result == .failure(ProtectionFailure(arn: unknown, reason: "MISSING", detail: nil)))
            let described = try await client.describeTasks(cluster: simulator.clusterName, tasks: [tasks[2].taskArn, unknown]).get()
            #expect(described.tasks.first?.serviceName == nil)
            #expect(described.failures == [ProtectionFailure(arn: unknown, reason: "MISSING", detail: nil)])
        }
    }

    @Test func serviceErrorsKeepTheirCodeMessageAndRequestID() async throws {
        try await withAPI(apiConfiguration(taskCount: 2)) { simulator, client in
            let arn = simulator.tasks[0].taskArn
            let wrongCluster = await client.getTaskProtection(cluster: "other", tasks: [arn])
            guard case .error(let error) = wrongCluster.first?.response.result else { Issue.record("\(wrongCluster)"); return }
            #expect(error.code == "ClusterNotFoundException")
            #expect(error.message == "Cluster not found.")
            #expect(error.arn == arn)
            #expect(error.requestID?.count == 36)
            #expect(wrongCluster.first?.response.httpStatus == 400)

            let badMinutes = await client.updateTaskProtection(
                cluster: simulator.clusterName, tasks: [arn], enabled: true, expiresInMinutes: 2881)
            #expect(badMinutes.first?.response.result.problemCode == "InvalidParameterException")
            let tooMany = await client.listTasksPage(.init(cluster: simulator.clusterName), maxResults: 101)
            #expect(tooMany.failureValue?.serviceError?.code == "InvalidParameterException")
        }
    }

    @Test func aWrongSecretIsRefusedWithInvalidSignature() async throws {
        var wrong = simulatorCredentials
        wrong.secretAccessKey = "not-the-secret"
        try await withAPI(apiConfiguration(taskCount: 1), credentials: wrong) { simulator, client in
            let result = await client.listTasks(.init(cluster: simulator.clusterName))
            let error = try #require(result.failureValue?.serviceError)
            #expect(error.code == "InvalidSignatureException")
            #expect(error.message.hasPrefix("The request signature we calculated does not match"))
            #expect(error.requestID != nil)
            #expect(client.requestsSent == 1)
            #expect(!error.description.contains("not-the-secret"))
        }
    }

    @Test func anUnknownKeyIsRefusedAsUnrecognizedClient() async throws {
        let stranger = AWSCredentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever")
        try await withAPI(apiConfiguration(taskCount: 1), credentials: stranger) { simulator, client in
            let result = await client.listTasks(.init(cluster: simulator.clusterName))
            #expect(result.failureValue?.serviceError?.code == "UnrecognizedClientException")
        }
    }

    @Test func aSkewedClockGetsSignatureExpired() async throws {
        try await withAPI(apiConfiguration(taskCount: 1), now: { Date().addingTimeInterval(-600) }) { simulator, client in
            let result = await client.listTasks(.init(cluster: simulator.clusterName))
            let error = try #require(result.failureValue?.serviceError)
            #expect(error.code == "InvalidSignatureException")
            #expect(error.message.hasPrefix("Signature expired"))
        }
        try await withAPI(apiConfiguration(taskCount: 1), now: { Date().addingTimeInterval(600) }) { simulator, client in
            let result = await client.listTasks(.init(cluster: simulator.clusterName))
            #expect(result.failureValue?.serviceError?.message.hasPrefix("Signature not yet current: ") == true)
        }
        try await withAPI(apiConfiguration(taskCount: 1), now: { Date().addingTimeInterval(200) }) { simulator, client in
            let listed = try await client.listTasks(.init(cluster: simulator.clusterName)).get()
            #expect(listed.count == 1)
        }
    }

    @Test func sessionCredentialsNeedTheirToken() async throws {
        var configuration = apiConfiguration(taskCount: 1)
        configuration.apiCredentials = [.init(accessKeyID: "ASIASESSIONKEY000001", secretAccessKey: "session-secret", sessionToken: "tok/en+1=")]
        let good = AWSCredentials(accessKeyID: "ASIASESSIONKEY000001", secretAccessKey: "session-secret", sessionToken: "tok/en+1=")
        try await withAPI(configuration, credentials: good) { simulator, client in
            let listed = try await client.listTasks(.init(cluster: simulator.clusterName)).get()
            #expect(listed.count == 1)
        }
        var bad = good
        bad.sessionToken = nil
        try await withAPI(configuration, credentials: bad) { simulator, client in
            let result = await client.listTasks(.init(cluster: simulator.clusterName))
            #expect(result.failureValue?.serviceError?.code == "UnrecognizedClientException")
        }
    }

    @Test func throttlingIsRetriedThenReported() async throws {
        var configuration = apiConfiguration(taskCount: 1)
        configuration.apiRateLimit = .init(perSecond: 0.001, burst: 1)
        try await withAPI(configuration) { simulator, client in
            let listed = try await client.listTasks(.init(cluster: simulator.clusterName)).get()
            #expect(listed.count == 1)
            let result = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [simulator.tasks[0].taskArn])
            #expect(result.first?.response.result.problemCode == "ThrottlingException")
            #expect(client.requestsSent == 1 + 3)
        }
    }

    @Test func faultsShapeWholeCalls() async throws {
        var configuration = apiConfiguration(taskCount: 4)
        configuration.initialFaults = [0: .serverError, 1: .accessDenied, 2: .malformed, 3: .taskNotValid]
        try await withAPI(configuration) { simulator, client in
            let tasks = simulator.tasks.map(\.taskArn)
            var calls = client.requestsSent
            let server = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [tasks[0]])
            #expect(server.first?.response.result.problemCode == "ServerException")
            #expect(server.first?.response.httpStatus == 500)
            #expect(client.requestsSent - calls == 3)

            calls = client.requestsSent
            let denied = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [tasks[1]])
            #expect(denied.first?.response.result.problemCode == "AccessDeniedException")
            #expect(client.requestsSent - calls == 1)

            let malformed = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [tasks[2]])
            #expect(malformed.first?.response.result.problemCode == "UnexpectedResponse")

            let notValid = await client.getTaskProtection(cluster: simulator.clusterName, tasks: [tasks[3]])
            #expect(notValid.first?.response.result.problemCode == "TASK_NOT_VALID")
        }
    }

    @Test func aClosedPortIsConnectionRefusedAfterRetries() async throws {
        let simulator = AgentSimulator(configuration: apiConfiguration(taskCount: 1))
        try await simulator.start()
        let url = try #require(simulator.ecsAPIURL)
        try await simulator.shutdown()
        let transport = try PooledHTTPTransport()
        let client = ECSClient(
            endpoint: try AWSEndpoint(url), region: "us-west-2", credentials: StaticCredentialsProvider(simulatorCredentials),
            transport: transport, retryPolicy: fastRetries, requestTimeout: 20)
        let outcome = await client.getTaskProtection(cluster: "demo", tasks: ["abc"])
        await transport.shutdown()
        #expect(outcome.first?.response.result == .transport(.connectionRefused))
        #expect(client.requestsSent == 3)
    }
}
