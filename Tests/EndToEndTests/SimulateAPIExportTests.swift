import Foundation
import Testing

/// `ecs-protect simulate` prints, on standard error, export lines a shell can `eval` to reach its
/// ECS API, while standard output keeps one ECS_AGENT_URI per line.
@Suite(.serialized) struct SimulateAPIExportTests {
    @Test func exportLinesLetBotocoreReachTheSimulatedAPI() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outPath = directory + "/out", errPath = directory + "/err"
        try #require(FileManager.default.createFile(atPath: outPath, contents: nil))
        try #require(FileManager.default.createFile(atPath: errPath, contents: nil))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.path)
        process.arguments = ["simulate", "--tasks", "2"]
        process.environment = oneShotEnvironment()
        process.standardInput = FileHandle.nullDevice
        guard let outHandle = FileHandle(forWritingAtPath: outPath), let errHandle = FileHandle(forWritingAtPath: errPath) else {
            Issue.record("the output files could not be opened")
            return
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let deadline = Date().addingTimeInterval(30)
        var errors = ""
        while !errors.contains("export ECS_CLUSTER="), process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        }
        let exports = errors.split(separator: "\n").filter { $0.hasPrefix("export ") }.map(String.init)
        #expect(exports.map { $0.split(separator: "=").first.map(String.init) ?? "" } == [
            "export AWS_ENDPOINT_URL_ECS", "export AWS_ACCESS_KEY_ID", "export AWS_SECRET_ACCESS_KEY",
            "export AWS_REGION", "export AWS_DEFAULT_REGION", "export ECS_PROTECT_DRILL_ID", "export ECS_CLUSTER",
            "export ECS_PROTECT_CONTROL_URL", "export ECS_PROTECT_CONTROL_TOKEN",
        ])
        let uris = ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(uris.count == 2 && uris.allSatisfy { $0.hasPrefix("http://127.0.0.1:") && $0.contains("/api/") })

        let script = """
        eval "$(grep '^export ' \(errPath))"
        export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true
        unset AWS_PROFILE AWS_SESSION_TOKEN
        exec python3 -c 'import botocore.session, os
        client = botocore.session.get_session().create_client("ecs")
        arns = client.list_tasks(cluster=os.environ["ECS_CLUSTER"])["taskArns"]
        answer = client.update_task_protection(cluster=os.environ["ECS_CLUSTER"], tasks=arns, protectionEnabled=True)
        print(len(arns), [task["protectionEnabled"] for task in answer["protectedTasks"]])'
        """
        let result = try await Task.detached {
            try ProcessRunner.run("/bin/sh", ["-c", script], timeout: 60)
        }.value
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2 [True, True]\n")

        // The protection set through the API shows at the agent endpoint.
        let agent = try await runECSProtect(["get", "--json", "--endpoint", String(try #require(uris.first))])
        #expect(agent.status == 0)
        #expect(agent.standardOutput.contains(#""ProtectionEnabled": true"#), "\(agent.standardOutput)")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
