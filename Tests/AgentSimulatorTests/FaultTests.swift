import Foundation
import Testing
@testable import AgentSimulator

@Suite struct FaultTests {
    /// Expected status and body pattern (after the task ARN is substituted for `ARN`).
    struct Expectation: Sendable, CustomStringConvertible {
        let fault: FaultKind
        let status: Int
        let bodyPattern: String
        var description: String { fault.rawValue }
    }

    static let relayed = #"\{"requestID":""# + uuidPattern + #"","error":\{"Arn":"ARN","#

    static let expectations: [Expectation] = [
        Expectation(fault: .throttled, status: 400,
                    bodyPattern: relayed + #""Code":"ThrottlingException","Message":"Rate exceeded"\}\}"#),
        Expectation(fault: .ecsTimeout, status: 504, bodyPattern: #"\{"error":\{"Arn":"ARN","Code":"RequestCanceled","#
                    + #""Message":"Timed out calling ECS Task Protection API"\}\}"#),
        Expectation(fault: .noCredentials, status: 403, bodyPattern: #"\{"error":\{"Arn":"ARN","Code":"AccessDeniedException","#
                    + #""Message":"Invalid Request: no task IAM role credentials available for task"\}\}"#),
        Expectation(fault: .accessDenied, status: 400, bodyPattern: relayed + #""Code":"AccessDeniedException","#
                    + #""Message":"User: arn:aws:sts::111122223333:assumed-role/[^"]+ is not authorized to perform: "#
                    + #"ecs:OPERATION on resource: ARN because no identity-based policy allows the ecs:OPERATION action"\}\}"#),
        Expectation(fault: .taskNotValid, status: 200,
                    bodyPattern: #"\{"failure":\{"Arn":"ARN","Detail":null,"Reason":"TASK_NOT_VALID"\}\}"#),
        Expectation(fault: .serverError, status: 500,
                    bodyPattern: relayed + #""Code":"ServerException","Message":"[^"]+"\}\}"#),
        Expectation(fault: .slow, status: 200,
                    bodyPattern: #"\{"protection":\{"ExpirationDate":(null|"[^"]+"),"ProtectionEnabled":(true|false),"TaskArn":"ARN"\}\}"#),
    ]

    @Test(arguments: expectations, ["GET", "PUT"])
    func faultProducesTheAgentsAnswer(expectation: Expectation, method: String) async throws {
        let clock = ManualSimulatorClock(start: epoch2030)
        try await withSimulator(fastConfiguration(faults: [1: expectation.fault]), clock: clock) { simulator in
            let arn = simulator.tasks[1].taskArn
            let body = method == "PUT" ? #"{"ProtectionEnabled":true,"ExpiresInMinutes":30}"# : nil
            let response = try await simulator.request(method, simulator.statePath(1), body: body)
            let operation = method == "PUT" ? "UpdateTaskProtection" : "GetTaskProtection"
            let pattern = expectation.bodyPattern
                .replacingOccurrences(of: "ARN", with: NSRegularExpression.escapedPattern(for: arn))
                .replacingOccurrences(of: "OPERATION", with: operation)
            #expect(response.status == expectation.status)
            #expect(response.headerNames == jsonHeaderNames)
            #expect(response.header("Content-Type") == "application/json")
            #expect(matches(response.bodyText, pattern), "\(response.bodyText)")
            // The untouched neighbour still answers normally.
            #expect(try await simulator.request("GET", simulator.statePath(0)).status == 200)
        }
    }

    @Test func faultsDoNotChangeStoredProtection() async throws {
        let clock = ManualSimulatorClock(start: epoch2030)
        try await withSimulator(clock: clock) { simulator in
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: epoch2030.addingTimeInterval(600))
            for fault in FaultKind.allCases where fault != .slow {
                try simulator.setFault(fault, forTask: 0)
                _ = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":false}"#)
                #expect(simulator.tasks[0].protectionEnabled, "\(fault)")
                #expect(simulator.tasks[0].expirationDate == epoch2030.addingTimeInterval(600))
            }
            try simulator.setFault(nil, forTask: 0)
            let get = try await simulator.request("GET", simulator.statePath(0))
            #expect(get.bodyText.contains(#""ExpirationDate":"2030-01-01T00:10:00Z","ProtectionEnabled":true"#))
        }
    }

    @Test func slowFaultStillUpdatesProtection() async throws {
        try await withSimulator(fastConfiguration(faults: [0: .slow])) { simulator in
            let put = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true}"#)
            #expect(put.bodyText.contains(#""ProtectionEnabled":true"#))
            #expect(simulator.tasks[0].protectionEnabled)
        }
    }

    @Test func malformedFaultSendsTruncatedJSON() async throws {
        try await withSimulator(fastConfiguration(faults: [0: .malformed])) { simulator in
            let response = try await simulator.request("GET", simulator.statePath(0))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.bodyText.hasPrefix(#"{"protection":"#))
            #expect((try? JSONSerialization.jsonObject(with: Data(response.body))) == nil)
        }
    }

    @Test func rateLimitedFaultAnswers429() async throws {
        try await withSimulator(fastConfiguration(faults: [0: .rateLimited])) { simulator in
            let response = try await simulator.request("GET", simulator.statePath(0))
            #expect(response.statusLine == "HTTP/1.1 429 Too Many Requests")
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.bodyText == "You have reached maximum request limit.")
        }
    }

    @Test func noCredentialsComesAfterTheProtectionEnabledCheck() async throws {
        try await withSimulator(fastConfiguration(faults: [0: .noCredentials])) { simulator in
            let response = try await simulator.request("PUT", simulator.statePath(0), body: "{}")
            #expect(response.status == 400)
            #expect(response.bodyText.contains("does not contain 'ProtectionEnabled' field"))
        }
    }

    @Test func faultsChangeAtRunTimeAndBadIndexIsAClearError() async throws {
        try await withSimulator { simulator in
            try simulator.setFault(.taskNotValid, forTask: 1)
            #expect(simulator.tasks[1].fault == .taskNotValid)
            #expect(try await simulator.request("GET", simulator.statePath(1)).bodyText.contains("TASK_NOT_VALID"))
            try simulator.setFault(nil, forTask: 1)
            #expect(try await simulator.request("GET", simulator.statePath(1)).bodyText.contains("protection"))
            #expect(throws: SimulatorError.noSuchTask(index: 7, taskCount: 2)) {
                try simulator.setFault(.throttled, forTask: 7)
            }
            #expect(SimulatorError.noSuchTask(index: 7, taskCount: 2).description == "no task with index 7; valid indices: 0...1")
        }
    }

    @Test func initialFaultForMissingTaskIsRejected() async throws {
        let simulator = AgentSimulator(configuration: fastConfiguration(taskCount: 1, faults: [3: .slow]))
        await #expect(throws: SimulatorError.self) { try await simulator.start() }
    }
}
