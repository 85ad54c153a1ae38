import Foundation
import Testing

/// `ecs-protect get|protect|unprotect` as real processes against `ecs-protect simulate`.
@Suite struct OneShotCommandTests {
    /// Task 0 is healthy, task 1 answers TASK_NOT_VALID, task 2 has no credentials (403).
    @Test func commandsAgainstASimulatedAgent() async throws {
        let simulator = try await SimulateProcess(
            ["--tasks", "3", "--fault", "1=task-not-valid", "--fault", "2=no-credentials"], taskCount: 3)
        defer { simulator.kill() }
        let uris = simulator.agentURIs
        let all = ["--endpoint", "ok=\(uris[0])", "--endpoint", uris[1], "--endpoint", "creds=\(uris[2])"]
        let healthy = ["--endpoint", "ok=\(uris[0])"]

        // get: one object per target, in the order given, each with exactly one outcome.
        let get = try await runECSProtect(["get", "--json"] + all)
        #expect(get.status == 1, "a failure and an error were answered: \(get.standardError)")
        let read = try parseReport(get)
        try #require(read.count == 3)
        #expect(read.map { $0["endpoint"] as? String } == uris)
        #expect(read[0]["label"] as? String == "ok")
        #expect(read[1]["label"] is NSNull)
        #expect(read[2]["label"] as? String == "creds")
        #expect(read.map { $0["httpStatus"] as? Int } == [200, 200, 403])
        #expect(read.allSatisfy { $0["expiresInSeconds"] == nil }, "nothing is protected yet")
        for object in read {
            let outcomes = ["protection", "failure", "error"].filter { object[$0] != nil }
            #expect(outcomes.count == 1, "exactly one outcome in \(object)")
        }
        #expect(keyOrder(ofObjectAt: 0, in: get.standardOutput) == ["source", "endpoint", "label", "taskArn", "httpStatus", "protection"])
        #expect(read.allSatisfy { $0["source"] as? String == "agent" })
        #expect(read.map { $0["taskArn"] as? String } == simulatorTaskArns(read))
        let protection = try #require(read[0]["protection"] as? [String: Any])
        #expect(Set(protection.keys) == ["ExpirationDate", "ProtectionEnabled", "TaskArn"])
        #expect(protection["ProtectionEnabled"] as? Bool == false)
        #expect(protection["ExpirationDate"] is NSNull)
        let failure = try #require(read[1]["failure"] as? [String: Any])
        #expect(Set(failure.keys) == ["Arn", "Detail", "Reason"])
        #expect(failure["Reason"] as? String == "TASK_NOT_VALID")
        let error = try #require(read[2]["error"] as? [String: Any])
        #expect(error["Code"] as? String == "AccessDeniedException")
        #expect((error["Arn"] as? String)?.hasPrefix("arn:aws:ecs:") == true)
        #expect(error["Message"] is String)

        // protect --minutes 30: about 1800 s remaining on the healthy task.
        let protect = try await runECSProtect(["protect", "--minutes", "30", "--json"] + healthy)
        #expect(protect.status == 0, "\(protect.standardError)")
        let protected = try parseReport(protect)
        let remaining = try #require(protected.first?["expiresInSeconds"] as? Int)
        #expect((1700...1800).contains(remaining))
        #expect((protected.first?["protection"] as? [String: Any])?["ProtectionEnabled"] as? Bool == true)
        #expect(keyOrder(ofObjectAt: 0, in: protect.standardOutput)
                == ["source", "endpoint", "label", "taskArn", "httpStatus", "expiresInSeconds", "protection"])

        // The table names each target and its state in words.
        let table = try await runECSProtect(["get"] + all)
        #expect(table.status == 1)
        let rows = table.standardOutput.components(separatedBy: "\n")
        #expect(rows.first?.contains("STATE") == true)
        #expect(rows.contains { $0.hasPrefix("ok ") && $0.contains("PROTECTED") && !$0.contains("UNPROTECTED") })
        #expect(rows.contains { $0.hasPrefix(uris[1]) && $0.contains("FAILURE") && $0.contains("TASK_NOT_VALID") })
        #expect(rows.contains { $0.hasPrefix("creds ") && $0.contains("ERROR") && $0.contains("AccessDeniedException") })
        #expect(rows.contains { $0.hasPrefix("  \(uris[1]): not part of a service") }, "the hint under the table")
        #expect(rows.contains { $0.hasPrefix("  creds: allow ecs:GetTaskProtection in the task role's IAM policy") })

        // ECS_AGENT_URI is the default target.
        let fromEnvironment = try await runECSProtect(["get", "--json"], agentURI: uris[0])
        #expect(fromEnvironment.status == 0)
        #expect(try parseReport(fromEnvironment).first?["endpoint"] as? String == uris[0])

        // unprotect: no expiresInSeconds once unprotected.
        let unprotect = try await runECSProtect(["unprotect", "--json"] + healthy)
        #expect(unprotect.status == 0)
        let cleared = try parseReport(unprotect)
        #expect(cleared.first?["expiresInSeconds"] == nil)
        #expect((cleared.first?["protection"] as? [String: Any])?["ProtectionEnabled"] as? Bool == false)

        // Usage errors exit 64 and send nothing: task 0 stays unprotected.
        for arguments in [
            ["protect", "--minutes", "0"] + healthy,
            ["protect", "--minutes", "2881"] + healthy,
            ["protect", "--minutes", "30"] + healthy + ["--endpoint", "ftp://127.0.0.1/api/x"],
        ] {
            let refused = try await runECSProtect(arguments)
            #expect(refused.status == 64, "\(arguments): \(refused.standardError)")
            #expect(refused.standardOutput.isEmpty)
            #expect(!refused.standardError.isEmpty)
        }
        let after = try parseReport(try await runECSProtect(["get", "--json"] + healthy))
        #expect((after.first?["protection"] as? [String: Any])?["ProtectionEnabled"] as? Bool == false,
                "a refused command must not reach the agent")

        // A target nobody listens on makes the run exit 2, and the others still answer.
        let closed = "http://127.0.0.1:\(try closedLoopbackPort())/api/gone"
        let unreachable = try await runECSProtect(["get", "--json"] + healthy + ["--endpoint", closed])
        #expect(unreachable.status == 2)
        let partly = try parseReport(unreachable)
        #expect(partly.map { $0["endpoint"] as? String } == [uris[0], closed])
        #expect(partly.first?["httpStatus"] as? Int == 200)
        #expect(partly.last?["httpStatus"] is NSNull)
        #expect((partly.last?["error"] as? [String: Any])?["Code"] as? String == "ConnectionRefused")

        // SIGTERM stops the simulator cleanly.
        let ended = try await simulator.terminate()
        #expect(ended?.reason == .exit)
        #expect(ended?.status == 0)
    }

    /// The ARN each object's outcome names (every outcome of the simulator names its task).
    private func simulatorTaskArns(_ objects: [[String: Any]]) -> [String?] {
        objects.map { object in
            for key in ["protection", "failure", "error"] {
                if let outcome = object[key] as? [String: Any], let arn = (outcome["TaskArn"] ?? outcome["Arn"]) as? String { return arn }
            }
            return nil
        }
    }

    @Test(arguments: ["get", "protect", "unprotect"])
    func noEndpointAnywhereIsAUsageError(command: String) async throws {
        let result = try await runECSProtect([command])
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("--endpoint"))
        #expect(result.standardError.contains("ECS_AGENT_URI"))
        #expect(result.standardError.contains("demo"))
        #expect(result.standardError.contains("--cluster"))
        #expect(result.standardError.contains("Usage: ecs-protect \(command)"), "the subcommand's own usage line")
    }
}
