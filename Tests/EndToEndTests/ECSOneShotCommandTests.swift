import Foundation
import Testing

/// `ecs-protect get|protect|unprotect --cluster …` as a newcomer runs them: `ecs-protect simulate`
/// in the background, its export lines `eval`ed in a shell, then the commands.
@Suite(.serialized) struct ECSOneShotCommandTests {
    @Test func commandsOverTheSimulatedECSAPI() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let errPath = directory + "/err"
        try #require(FileManager.default.createFile(atPath: errPath, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.path)
        process.arguments = ["simulate", "--tasks", "6"]
        process.environment = oneShotEnvironment()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard let errHandle = FileHandle(forWritingAtPath: errPath) else {
            Issue.record("the output file could not be opened")
            return
        }
        process.standardError = errHandle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        var errors = ""
        while !errors.contains("services: "), process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        }
        #expect(errors.contains("services: api web worker"), "\(errors)")

        let binary = try ProductBinary.path
        func run(_ arguments: String, environment extra: String = "") async throws -> ProcessResult {
            let script = """
            eval "$(grep '^export ' \(errPath))"
            export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true
            unset AWS_PROFILE AWS_SESSION_TOKEN
            \(extra)
            exec '\(binary)' \(arguments)
            """
            return try await Task.detached { try ProcessRunner.run("/bin/sh", ["-c", script], timeout: 60) }.value
        }

        // get: one object per task of the service, labelled service/short id, source ecs.
        let get = try await run(#"get --cluster "$ECS_CLUSTER" --service web --json"#)
        #expect(get.status == 0, "\(get.standardError)")
        let read = try parseReport(get)
        #expect(read.count == 2, "tasks 0 and 3 belong to web")
        #expect(read.allSatisfy { $0["source"] as? String == "ecs" && $0["cluster"] as? String == "demo" })
        #expect(read.allSatisfy { ($0["label"] as? String)?.hasPrefix("web/") == true })
        #expect(read.allSatisfy { ($0["taskArn"] as? String)?.hasPrefix("arn:aws:ecs:us-west-2:") == true })
        #expect(keyOrder(ofObjectAt: 0, in: get.standardOutput) == ["source", "cluster", "label", "taskArn", "httpStatus", "protection"])

        // protect the whole cluster for 30 minutes: six tasks in one go.
        let protect = try await run(#"protect --cluster "$ECS_CLUSTER" --minutes 30 --json"#)
        #expect(protect.status == 0, "\(protect.standardError)")
        let protected = try parseReport(protect)
        #expect(protected.count == 6)
        #expect(protected.allSatisfy { ($0["expiresInSeconds"] as? Int).map { (1700...1800).contains($0) } == true })

        // One task by id plus one ECS does not know: exit 1, MISSING with its hint in the table.
        let arn = try #require(read.first?["taskArn"] as? String)
        let taskID = String(arn.split(separator: "/").last!)
        let table = try await run(#"unprotect --cluster "$ECS_CLUSTER" --task \#(taskID) --task 0123456789abcdef0123456789abcdef"#)
        #expect(table.status == 1, "\(table.standardOutput) \(table.standardError)")
        #expect(table.standardOutput.contains("UNPROTECTED"))
        #expect(table.standardOutput.contains("MISSING"))
        #expect(table.standardOutput.contains("hints:"))
        #expect(table.standardOutput.contains("it stopped, or belongs to another cluster"))

        // A cluster that does not exist: one line with the error and what to do, exit 1.
        let noCluster = try await run("get --cluster nope --json")
        #expect(noCluster.status == 1)
        #expect(noCluster.standardOutput.isEmpty)
        #expect(noCluster.standardError.contains("ClusterNotFoundException"))
        #expect(noCluster.standardError.contains("check --cluster"))

        // No credentials at all: one line, exit 64, nothing sent.
        let noCredentials = try await run("get --cluster demo", environment: "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY")
        #expect(noCredentials.status == 64)
        #expect(noCredentials.standardOutput.isEmpty)
        #expect(noCredentials.standardError.split(separator: "\n").count == 1, "\(noCredentials.standardError)")
        #expect(noCredentials.standardError.contains("no AWS credentials found"))

        // Selection options need --cluster, and --cluster excludes --endpoint.
        let orphan = try await run("get --service web")
        #expect(orphan.status == 64)
        #expect(orphan.standardError.contains("--service needs --cluster"))
        let both = try await run("get --cluster demo --endpoint http://127.0.0.1:1/api/x")
        #expect(both.status == 64)
        #expect(both.standardError.contains("cannot be combined"))

        // A saved target set that names the cluster and a service: the same commands by NAME.
        let home = try ConfigHome()
        try home.write("""
            [targets.web-tasks]
            cluster = "demo"
            service = "web"

            """)
        let setEnvironment = "export XDG_CONFIG_HOME='\(home.directory)'"
        let bySet = try await run("get web-tasks --json", environment: setEnvironment)
        #expect(bySet.status == 0, "\(bySet.standardError)")
        let setRead = try parseReport(bySet)
        #expect(setRead.count == 2 && setRead.allSatisfy { ($0["label"] as? String)?.hasPrefix("web/") == true }, "\(setRead)")
        let unprotectSet = try await run("unprotect web-tasks --json", environment: setEnvironment)
        #expect(unprotectSet.status == 0, "\(unprotectSet.standardError)")
        #expect(try parseReport(unprotectSet).count == 2)
        let unknownSet = try await run("get nosuchset", environment: setEnvironment)
        #expect(unknownSet.status == 64)
        #expect(unknownSet.standardError.contains("no target set 'nosuchset'") && unknownSet.standardError.contains("sets: web-tasks"),
                "\(unknownSet.standardError)")
        let setAndCluster = try await run("get web-tasks --cluster demo", environment: setEnvironment)
        #expect(setAndCluster.status == 64)
        #expect(setAndCluster.standardError.contains("not both"), "\(setAndCluster.standardError)")

        process.terminate()
        process.waitUntilExit()
    }
}
