import AgentSimulator
import AWSAccess
import Foundation
import Testing

/// From settings to a working client: the environment `simulate` prints is all it takes.
@Suite(.serialized) struct ECSAccessTests {
    @Test func theSimulatorsExportsResolveToAWorkingClient() async throws {
        let simulator = AgentSimulator(configuration: apiConfiguration(taskCount: 3))
        try await simulator.start()
        let apiURL: String = try #require(simulator.ecsAPIURL)
        let key = SimulatorConfiguration.APICredential.simulatorDefault
        let environment = testEnvironment([
            "AWS_ENDPOINT_URL_ECS": apiURL, "AWS_ACCESS_KEY_ID": key.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": key.secretAccessKey, "AWS_REGION": "us-west-2",
        ])
        let access = try await ECSAccess.resolve(environment: environment, transport: sharedTestTransport)
        #expect(access.region == "us-west-2" && access.regionSource == "AWS_REGION")
        #expect(access.endpoint.url == apiURL + "/")
        try await access.checkCredentials()
        let arns = try await access.client.listTasks(.init(cluster: simulator.clusterName)).get()
        #expect(arns == simulator.tasks.map(\.taskArn))
        try await simulator.shutdown()
    }

    @Test func missingCredentialsAreReportedBeforeAnyCall() async throws {
        let environment = testEnvironment(["AWS_REGION": "eu-west-1"])
        let access = try await ECSAccess.resolve(environment: environment, transport: sharedTestTransport)
        #expect(access.endpoint.url == "https://ecs.eu-west-1.amazonaws.com/")
        let error = await configurationError { try await access.checkCredentials() }
        #expect(error?.message.hasPrefix("no AWS credentials found; tried environment (AWS_ACCESS_KEY_ID unset)") == true)
        #expect(error?.message.contains("instance metadata (AWS_EC2_METADATA_DISABLED)") == true)
        #expect(access.client.requestsSent == 0)
    }
}
