import FoundationEssentials

// Request and response bodies of the ECS operations ecs-protect uses (awsJson1.1). Every
// response field is optional: a missing field is reported, never trusted.

struct ListTasksBody: Encodable {
    var cluster: String?
    var serviceName: String?
    var containerInstance: String?
    var family: String?
    var desiredStatus: String?
    var launchType: String?
    var startedBy: String?
    var maxResults: Int?
    var nextToken: String?
}

struct ListTasksReply: Decodable {
    var taskArns: [String]?
    var nextToken: String?
}

struct TasksBody: Encodable {
    var cluster: String?
    var tasks: [String]
}

struct UpdateProtectionBody: Encodable {
    var cluster: String
    var tasks: [String]
    var protectionEnabled: Bool
    var expiresInMinutes: Int?
}

struct FailureWire: Decodable {
    var arn: String?
    var reason: String?
    var detail: String?
}

struct ProtectedTaskWire: Decodable {
    var taskArn: String?
    var protectionEnabled: Bool?
    var expirationDate: Double?
}

struct ProtectionReply: Decodable {
    var protectedTasks: [ProtectedTaskWire]?
    var failures: [FailureWire]?
}

struct TaskWire: Decodable {
    var taskArn: String?
    var clusterArn: String?
    var group: String?
    var lastStatus: String?
    var desiredStatus: String?
    var startedAt: Double?
    var availabilityZone: String?
    var containerInstanceArn: String?
    var launchType: String?
    var taskDefinitionArn: String?
    var stoppedReason: String?
    var stopCode: String?
}

struct ListServicesBody: Encodable {
    var cluster: String?
    var maxResults: Int?
    var nextToken: String?
}

struct ListServicesReply: Decodable {
    var serviceArns: [String]?
    var nextToken: String?
}

struct DescribeServicesBody: Encodable {
    var cluster: String?
    var services: [String]
}

struct DeploymentWire: Decodable {
    var id: String?
    var status: String?
    var taskDefinition: String?
    var desiredCount: Int?
    var runningCount: Int?
    var pendingCount: Int?
    var rolloutState: String?
    var rolloutStateReason: String?
}

struct ServiceEventWire: Decodable {
    var id: String?
    var createdAt: Double?
    var message: String?
}

struct ServiceWire: Decodable {
    var serviceName: String?
    var desiredCount: Int?
    var runningCount: Int?
    var pendingCount: Int?
    var deployments: [DeploymentWire]?
    var events: [ServiceEventWire]?
}

struct DescribeServicesReply: Decodable {
    var services: [ServiceWire]?
    var failures: [FailureWire]?
}

struct DescribeTasksReply: Decodable {
    var tasks: [TaskWire]?
    var failures: [FailureWire]?
}
