import Foundation
import Testing

/// Argument handling of the real binary: endpoint lists, error messages, and what is refused.
@Suite struct ArgumentTests {
    private static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-\(UUID().uuidString).txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func endpointsFromAFileOrStandardInput() async throws {
        let agent = try HostileAgent { path in
            .response(status: 200, contentType: "application/json",
                      body: Array(#"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"\#(path)"}}"#.utf8))
        }
        defer { agent.stop() }
        let list = """
        # two tasks
        web-1=\(agent.agentURI("a"))

          \(agent.agentURI("b"))\r
        """
        let path = try Self.temporaryFile(list)
        defer { unlink(path) }
        for command in ["get", "unprotect", "protect"] {
            let fromFile = try await runECSProtect([command, "--json", "--endpoints-from", path])
            // The agent answers unprotected whatever it is asked: a protect says so with 4.
            #expect(fromFile.status == (command == "protect" ? 4 : 0), "\(command): \(fromFile.standardError)")
            let objects = try parseReport(fromFile)
            #expect(objects.map { $0["label"] as? String } == ["web-1", nil])
        }
        let fromStandardInput = try await runECSProtect(["get", "--json", "--endpoint", agent.agentURI("c"), "--endpoints-from", "-"],
                                                       standardInputPath: path)
        #expect(fromStandardInput.status == 0, "\(fromStandardInput.standardError)")
        #expect(try parseReport(fromStandardInput).count == 3)
    }

    @Test func aBadLineInAListIsAUsageErrorNamingFileAndLine() async throws {
        let good = (0..<10_000).map { "t\($0)=http://127.0.0.1:1/api/\($0)" }
        let path = try Self.temporaryFile((good + ["http://%zz/api"]).joined(separator: "\n"))
        defer { unlink(path) }
        let started = Date()
        let result = try await runECSProtect(["get", "--endpoints-from", path], timeout: 60)
        #expect(result.status == 64)
        #expect(result.standardError.contains("\(path):10001:"), "\(result.standardError)")
        // Generous: a loaded machine; the quadratic version took many seconds at this size.
        #expect(Date().timeIntervalSince(started) < 20)

        let missing = try await runECSProtect(["get", "--endpoints-from", "/nonexistent/list"])
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("/nonexistent/list: no such file"))
    }

    @Test func thousandsOfRepeatedEndpointOptionsAreHandledInLinearTime() async throws {
        // ArgumentParser alone took minutes for this in a debug build (quadratic in repeats).
        let good = (0..<10_000).flatMap { ["--endpoint", "t\($0)=http://127.0.0.1:1/api/\($0)"] }
        let started = Date()
        let result = try await runECSProtect(["get"] + good + ["--endpoint=ftp://bad"], timeout: 60)
        #expect(result.status == 64)
        #expect(result.standardError.contains("'ftp://bad'"), "\(result.standardError)")
        #expect(Date().timeIntervalSince(started) < 20)
        // Only commands that take --endpoint have it taken out of the command line.
        let simulate = try await runECSProtect(["simulate", "--endpoint", "http://127.0.0.1:1/api/x"])
        #expect(simulate.status == 64)
        #expect(simulate.standardError.contains("--endpoint"), "\(simulate.standardError)")
    }

    @Test func unknownArgumentsAreNamedBeforeAMissingEndpoint() async throws {
        let bogus = try await runECSProtect(["bogus"])
        #expect(bogus.status == 64)
        #expect(bogus.standardError.contains("bogus"), "\(bogus.standardError)")
        #expect(!bogus.standardError.contains("no endpoint"))

        let option = try await runECSProtect(["get", "--bogus"])
        #expect(option.status == 64)
        #expect(option.standardError.contains("--bogus"), "\(option.standardError)")
        #expect(!option.standardError.contains("no endpoint"))

        let none = try await runECSProtect(["get"])
        #expect(none.status == 64)
        #expect(none.standardError.contains("no endpoint"))
    }

    @Test func negativeMinutesNameTheRange() async throws {
        let result = try await runECSProtect(["protect", "--minutes", "-1", "--endpoint", "http://127.0.0.1:1/api/x"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("2880"), "\(result.standardError)")
        #expect(!result.standardError.contains("Missing value"))
    }

    @Test func aBusyControlPortSaysWhichPortAndWhy() async throws {
        let busy = try HostileAgent { _ in .hang }
        defer { busy.stop() }
        let result = try await runECSProtect(["simulate", "--control-port", "\(busy.port)"], timeout: 30)
        #expect(result.status == 2)
        #expect(result.standardError.contains("cannot listen on 127.0.0.1:\(busy.port)"), "\(result.standardError)")
        #expect(result.standardError.filter { $0 == "(" }.count == result.standardError.filter { $0 == ")" }.count)
    }
}
