import AWSSigning
import Foundation
import Testing
@testable import AgentSimulator

/// The ECS API listener on the wire: authentication errors, error shapes, and its independence
/// from the agent's up/down state. (The full client round trips are in AWSAccessTests.)
@Suite struct ECSAPITests {
    private func apiPort(_ simulator: AgentSimulator) throws -> Int {
        try #require(simulator.ecsAPIURL.flatMap(URLComponents.init(string:))?.port)
    }

    /// A request signed with the simulator's key (or `secret`), sent on a raw connection.
    private func call(
        _ simulator: AgentSimulator, _ operation: String, _ body: String, secret: String? = nil, date: Date = Date()
    ) async throws -> RawResponse {
        let key = SimulatorConfiguration.APICredential.simulatorDefault
        let headers: [SigV4Request.Header] = [
            .init("Host", "sim"), .init("Content-Type", "application/x-amz-json-1.1"),
            .init("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.\(operation)"),
        ]
        let signed = SigV4Signer(service: "ecs", region: simulator.configuration.region).sign(
            SigV4Request(method: "POST", path: "/", headers: headers, body: Array(body.utf8)),
            credentials: AWSCredentials(accessKeyID: key.accessKeyID, secretAccessKey: secret ?? key.secretAccessKey),
            date: date)
        let extra = signed.headers.filter { $0.name != "Host" }.map { "\($0.name): \($0.value)" }
        return try await RawConnection.with(port: try apiPort(simulator)) { connection in
            try await connection.sendRequest("POST", "/", body: body, extraHeaders: extra)
            return try await connection.readResponse()
        }
    }

    @Test func anUnsignedRequestIsMissingAuthentication() async throws {
        try await withSimulator { simulator in
            let response = try await RawConnection.with(port: try apiPort(simulator)) { connection in
                try await connection.sendRequest("POST", "/", body: "{}",
                                                 extraHeaders: ["X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListTasks"])
                return try await connection.readResponse()
            }
            #expect(response.status == 400)
            #expect(response.bodyText == #"{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Missing Authentication Token"}"#)
            #expect(response.header("x-amzn-RequestId").map { matches($0, uuidPattern) } == true)
            #expect(response.header("Content-Type") == "application/x-amz-json-1.1")
        }
    }

    @Test func signedCallsWorkAndBadOnesGetAWSErrors() async throws {
        try await withSimulator { simulator in
            let listed = try await call(simulator, "ListTasks", #"{"cluster":"demo"}"#)
            #expect(listed.status == 200)
            #expect(listed.bodyText == #"{"taskArns":["# + simulator.tasks.map { "\"\($0.taskArn)\"" }.joined(separator: ",") + "]}")

            let wrong = try await call(simulator, "ListTasks", "{}", secret: "wrong")
            #expect(wrong.status == 400)
            #expect(wrong.bodyText.contains("InvalidSignatureException"))
            let skewed = try await call(simulator, "ListTasks", "{}", date: Date().addingTimeInterval(-301))
            #expect(skewed.bodyText.contains("Signature expired"))
            let unknown = try await call(simulator, "DeleteCluster", "{}")
            #expect(unknown.bodyText == #"{"__type":"UnknownOperationException"}"#)
            let notJSON = try await call(simulator, "GetTaskProtection", "{")
            #expect(notJSON.bodyText.contains("SerializationException"))
            let tooMany = try await call(simulator, "UpdateTaskProtection", #"{"cluster":"demo","protectionEnabled":true,"tasks":[\#((0..<11).map { "\"t\($0)\"" }.joined(separator: ","))]}"#)
            #expect(tooMany.bodyText.contains("InvalidParameterException"))
        }
    }

    /// Parameters are read with JSON's types as ECS reads them: a number where a string is due, a
    /// fraction where a count is, a list with a number in it are serialization errors; `null` is
    /// as good as absent, and `5.0` is a whole number.
    @Test func parametersOfTheWrongTypeAreSerializationErrors() async throws {
        try await withSimulator { simulator in
            let task = try #require(simulator.tasks.first).taskArn
            for body in [#"{"cluster":5}"#, #"{"cluster":"demo","maxResults":"10"}"#, #"{"cluster":"demo","maxResults":2.5}"#] {
                #expect(try await call(simulator, "ListTasks", body).bodyText.contains("SerializationException"), "\(body)")
            }
            #expect(try await call(simulator, "ListTasks", "[]").bodyText.contains("SerializationException"))
            #expect(try await call(simulator, "DescribeTasks", #"{"cluster":"demo","tasks":["a",1]}"#).bodyText.contains("SerializationException"))
            #expect(try await call(simulator, "DescribeTasks", #"{"cluster":"demo","tasks":null}"#).bodyText.contains("Tasks cannot be empty."))
            let fraction = #"{"cluster":"demo","protectionEnabled":true,"expiresInMinutes":5.5,"tasks":["\#(task)"]}"#
            #expect(try await call(simulator, "UpdateTaskProtection", fraction).bodyText.contains("SerializationException"))
            let nullFlag = #"{"cluster":"demo","protectionEnabled":null,"tasks":["\#(task)"]}"#
            #expect(try await call(simulator, "UpdateTaskProtection", nullFlag).bodyText.contains("SerializationException"))
            let noFlag = #"{"cluster":"demo","tasks":["\#(task)"]}"#
            #expect(try await call(simulator, "UpdateTaskProtection", noFlag).bodyText.contains("protectionEnabled can not be null."))
            let whole = #"{"cluster":"demo","protectionEnabled":true,"expiresInMinutes":5.0,"tasks":["\#(task)"],"maxResults":null}"#
            let updated = try await call(simulator, "UpdateTaskProtection", whole)
            #expect(updated.status == 200 && updated.bodyText.contains(#""protectionEnabled":true"#), "\(updated.bodyText)")
            let listed = try await call(simulator, "ListTasks", #"{"cluster":"demo","maxResults":1e0,"cluster":"demo"}"#)
            #expect(listed.status == 200 && listed.bodyText.contains("nextToken"), "\(listed.bodyText)")
        }
    }

    @Test func theAPIStaysUpWhileTheAgentIsDown() async throws {
        try await withSimulator { simulator in
            try await simulator.setAgentDown(true)
            let arn = simulator.tasks[1].taskArn
            let update = try await call(
                simulator, "UpdateTaskProtection", #"{"cluster":"demo","expiresInMinutes":5,"protectionEnabled":true,"tasks":["\#(arn)"]}"#)
            #expect(update.status == 200)
            #expect(update.bodyText.hasPrefix(#"{"failures":[],"protectedTasks":[{"expirationDate":"#))
            #expect(simulator.tasks[1].protectionEnabled)
            try await simulator.setAgentDown(false)
            let viaAgent = try await simulator.request("GET", simulator.statePath(1))
            #expect(viaAgent.bodyText.contains(#""ProtectionEnabled":true"#))
        }
    }

    @Test func epochSecondsKeepMilliseconds() {
        #expect(ECSAPIResponder.epochSeconds(1_732_712_345_000) == "1732712345")
        #expect(ECSAPIResponder.epochSeconds(1_732_712_345_120) == "1732712345.120")
        #expect(ECSAPIResponder.epochSeconds(1_732_712_345_007) == "1732712345.007")
        #expect(ECSAPIResponder.offset(fromToken: ECSAPIResponder.token(forOffset: 300)) == 300)
        #expect(ECSAPIResponder.offset(fromToken: "bm9wZQ==") == nil)
    }
}
