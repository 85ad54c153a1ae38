import AgentSimulator
import AWSAccess
import Foundation
import Testing

/// `doctor` against the simulator's ECS API and STS: a working caller, a role without
/// `ecs:UpdateTaskProtection`, an expired sign-in, a skewed clock.
@Suite(.serialized) struct AccessDoctorTests {
    let transport = sharedTestTransport

    private func environment(_ url: String, home: String = "/nonexistent-home-for-tests", _ extra: [String: String] = [:]) -> AWSEnvironment {
        var variables = [
            "AWS_ENDPOINT_URL_ECS": url, "AWS_ENDPOINT_URL_STS": url, "AWS_REGION": "us-west-2",
            "AWS_ACCESS_KEY_ID": simulatorKey.accessKeyID, "AWS_SECRET_ACCESS_KEY": simulatorKey.secretAccessKey,
        ]
        variables.merge(extra) { _, new in new }
        return homeEnvironment(home, variables)
    }

    /// The services actions are answered once the simulator's ECS API has them; until then it
    /// says it does not know the operation, which the report must show as not checked.
    private func expectServicesProbe(_ probe: AccessReport.ActionProbe?) {
        guard let probe else { Issue.record("no probe"); return }
        #expect(probe.verdict == .allowed || (probe.verdict == .unknown && probe.detail?.contains("UnknownOperationException") == true),
                "\(probe)")
    }

    @Test func aWorkingCallerSeesEveryPartNamed() async throws {
        try await withIdentitySimulator { simulator, url in
            let expiry = Date().addingTimeInterval(3600)
            for index in simulator.tasks.indices { try simulator.setProtection(forTask: index, enabled: true, expiresAt: expiry) }
            let report = await AccessDoctor(environment: environment(url), profile: nil, region: nil,
                                            cluster: simulator.clusterName, transport: transport).run()
            // UpdateTaskProtection (disabling) named a made-up task: every real one is still protected.
            #expect(simulator.tasks.allSatisfy { $0.protectionEnabled })
            #expect(report.problem == nil)
            #expect(report.region == "us-west-2" && report.regionOrigin == "AWS_REGION")
            #expect(report.credentialSource == "environment" && report.accessKeyID == simulatorKey.accessKeyID)
            #expect(report.ecsEndpoint == url + "/" && report.ecsEndpointOrigin == "AWS_ENDPOINT_URL_ECS")
            #expect(report.identity?.account == "111122223333")
            #expect(report.identity?.arn == "arn:aws:sts::111122223333:assumed-role/ecs-protect-simulator/operator")
            // A call can take seconds on a loaded machine; the skew is read against its middle.
            #expect(abs(try #require(report.clockSkewSeconds)) < 5)
            #expect(report.actions.map(\.action) == AccessDoctor.actions)
            for probe in report.actions.prefix(4) { #expect(probe.verdict == .allowed, "\(probe)") }
            for probe in report.actions.dropFirst(4) { expectServicesProbe(probe) }
            let text = report.text
            #expect(text.contains("credentials             environment, key \(simulatorKey.accessKeyID)"), "\(text)")
            #expect(!text.contains(simulatorKey.secretAccessKey), "no secret in the report")
            #expect(text.contains("  UpdateTaskProtection  allowed"), "\(text)")
        }
    }

    @Test func aRoleWithoutUpdateTaskProtectionGetsTheStatementToAdd() async throws {
        var configuration = apiConfiguration(taskCount: 1)
        configuration.deniedActions = ["UpdateTaskProtection"]
        let simulator = AgentSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { try? await simulator.shutdown() } }
        let url = try #require(simulator.ecsAPIURL)
        let report = await AccessDoctor(environment: environment(url), profile: nil, region: nil,
                                        cluster: simulator.clusterName, transport: transport).run()
        let update = try #require(report.actions.first { $0.action == "UpdateTaskProtection" })
        #expect(update.verdict == .denied)
        #expect(update.statement == #"{"Effect": "Allow", "Action": "ecs:UpdateTaskProtection", "Resource": "*"}"#)
        #expect(update.detail?.contains("not authorized to perform: ecs:UpdateTaskProtection") == true)
        #expect(report.actions.first { $0.action == "GetTaskProtection" }?.verdict == .allowed)
        #expect(!report.isHealthy && report.problem == nil)
        #expect(report.text.contains("add to the IAM policy: {\"Effect\": \"Allow\", \"Action\": \"ecs:UpdateTaskProtection\""))
    }

    @Test func anExpiredSignInStopsAtTheCredentialsWithTheLoginLine() async throws {
        try await withIdentitySimulator { simulator, url in
            try await withFiles([
                ".aws/config": SignIn.config,
                SignIn.cachePath(SignIn.startURL): SignIn.cacheJSON(expiresIn: -5, refreshable: false),
            ]) { (home: String) async throws in
                let environment = homeEnvironment(home, ["AWS_ENDPOINT_URL": url])
                let report = await AccessDoctor(environment: environment, profile: "legacy", region: nil,
                                                cluster: simulator.clusterName, transport: transport).run()
                #expect(report.regionOrigin == "profile legacy")
                #expect(report.problem == "the SSO sign-in of profile legacy has expired; run: aws sso login --profile legacy")
                #expect(report.signInCommand == "aws sso login --profile legacy")
                #expect(report.actions.isEmpty)
            }
        }
    }

    @Test func aSkewedClockIsMeasuredFromTheAnswersDate() async throws {
        try await withIdentitySimulator { simulator, url in
            let report = await AccessDoctor(environment: environment(url), profile: nil, region: nil,
                                            cluster: simulator.clusterName, transport: transport,
                                            now: { Date().addingTimeInterval(-120) }).run()
            let skew = try #require(report.clockSkewSeconds)
            #expect(abs(skew - 120) < 5, "\(skew)")
            #expect(!report.isHealthy)
            #expect(report.text.contains(" s against AWS (fix this machine's clock"), "\(report.text)")
        }
    }
}
