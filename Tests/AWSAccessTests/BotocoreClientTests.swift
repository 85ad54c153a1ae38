import AgentSimulator
import Foundation
import Testing

/// botocore's own ECS client (what boto3 and the AWS CLI use) against the simulator's ECS API,
/// configured only through the environment `ecs-protect simulate` prints.
@Suite(.serialized) struct BotocoreClientTests {
    private static let script = #"""
import json, os, sys
try:
    import botocore.session
except ImportError as error:
    sys.stderr.write("botocore is missing (python3 -m pip install botocore): %s\n" % error)
    sys.exit(3)
client = botocore.session.get_session().create_client("ecs")
cluster = os.environ["ECS_CLUSTER"]
arns = []
for page in client.get_paginator("list_tasks").paginate(cluster=cluster, PaginationConfig={"PageSize": 2}):
    arns += page["taskArns"]
described = client.describe_tasks(cluster=cluster, tasks=arns)
updated = client.update_task_protection(cluster=cluster, tasks=arns[:1], protectionEnabled=True, expiresInMinutes=15)
got = client.get_task_protection(cluster=cluster, tasks=arns + ["0123456789abcdef0123456789abcdef"])
service_arns = []
for page in client.get_paginator("list_services").paginate(cluster=cluster, PaginationConfig={"PageSize": 1}):
    service_arns += page["serviceArns"]
services = client.describe_services(cluster=cluster, services=service_arns)["services"]
error = None
try:
    client.get_task_protection(cluster="nope", tasks=arns[:1])
except client.exceptions.ClusterNotFoundException as caught:
    error = [caught.response["Error"]["Code"], caught.response["ResponseMetadata"]["RequestId"]]
print(json.dumps({
    "arns": arns,
    "groups": [task["group"] for task in described["tasks"]],
    "updated": [[task["taskArn"], task["protectionEnabled"], str(task["expirationDate"])] for task in updated["protectedTasks"]],
    "got": [[task["taskArn"], task["protectionEnabled"]] for task in got["protectedTasks"]],
    "failures": [[failure["arn"], failure["reason"]] for failure in got["failures"]],
    "error": error,
    "services": [[service["serviceName"], str(service["desiredCount"]), str(service["runningCount"]),
                  service["deployments"][0]["status"], service["deployments"][0]["taskDefinition"].split("/")[-1],
                  service["deployments"][0]["rolloutState"], str(type(service["deployments"][0]["createdAt"]).__name__),
                  str(len(service["events"]))] for service in services],
}))
"""#

    @Test func botocoreWorksAgainstTheSimulatorUnchanged() async throws {
        var configuration = apiConfiguration(taskCount: 3)
        configuration.ecsLatency = .zero
        let simulator = AgentSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { try? await simulator.shutdown() } }
        let key = configuration.apiCredentials[0]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        let apiURL: String = try #require(simulator.ecsAPIURL)
        environment["AWS_ENDPOINT_URL_ECS"] = apiURL
        environment["AWS_ACCESS_KEY_ID"] = key.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = key.secretAccessKey
        environment["AWS_REGION"] = configuration.region
        environment["AWS_DEFAULT_REGION"] = configuration.region
        environment["ECS_CLUSTER"] = simulator.clusterName
        environment["AWS_CONFIG_FILE"] = "/nonexistent"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputHandle = output.fileHandleForReading, errorHandle = errors.fileHandleForReading
        async let stdout = Task.detached { outputHandle.readDataToEndOfFile() }.value
        async let stderr = Task.detached { errorHandle.readDataToEndOfFile() }.value
        let (out, err) = await (stdout, stderr)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")

        struct Answer: Decodable {
            var arns: [String]
            var groups: [String]
            var updated: [[AnyValue]]
            var got: [[AnyValue]]
            var failures: [[String]]
            var error: [String]?
            var services: [[String]]
        }
        let answer = try JSONDecoder().decode(Answer.self, from: out)
        let arns = simulator.tasks.map(\.taskArn)
        #expect(answer.arns == arns)
        #expect(answer.groups == ["service:app", "service:app", "service:app"])
        #expect(answer.updated.first?.first == .string(arns[0]))
        #expect(answer.updated.first?[1] == .bool(true))
        #expect(answer.got.map { $0[1] } == [.bool(true), .bool(false), .bool(false)])
        #expect(answer.failures == [["0123456789abcdef0123456789abcdef", "MISSING"]])
        #expect(answer.error?.first == "ClusterNotFoundException")
        #expect(answer.error?.last?.count == 36)
        #expect(simulator.tasks[0].protectionEnabled)
        // ListServices paged one at a time and DescribeServices, parsed by the model: counts,
        // the PRIMARY deployment, timestamps botocore reads as datetimes.
        #expect(answer.services == [["app", "3", "3", "PRIMARY", "app:1", "COMPLETED", "datetime", "0"]])
    }
}

/// A JSON scalar of either kind, for comparing mixed arrays.
enum AnyValue: Decodable, Equatable {
    case string(String)
    case bool(Bool)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}
